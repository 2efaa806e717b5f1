import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// tRPC mutations carry their own cross-site check (see src/lib/server/trpc); forms keep Kit's.
		csrf: { checkOrigin: true }
	},
	compilerOptions: { runes: true }
};

export default config;
