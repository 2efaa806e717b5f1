import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Under `vite dev` the board's websocket upgrade is served by the dev server itself,
// so the same `/yjs/<doc>` URL works in development and production.
function boardSocket(): Plugin {
	return {
		name: 'silverbridge-board-socket',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const { attachBoardServer } = await server.ssrLoadModule('/server/board/attach.ts');
			attachBoardServer(server.httpServer);
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		boardSocket()
	],
	server: { port: 5173 },
	test: {
		testTimeout: 30_000,
		hookTimeout: 120_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'server/**/*.test.ts', 'prisma/**/*.test.ts', 'bench/**/*.test.ts'],
					exclude: ['tests/e2e/**', 'node_modules/**'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					environment: 'node',
					// Each file runs its own server and browser; two cores fit one at a time.
					fileParallelism: false,
					testTimeout: 60_000
				}
			}
		]
	}
});
