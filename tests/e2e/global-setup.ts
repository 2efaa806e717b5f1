// Builds the production app once before the end-to-end tests, when the build is missing
// or older than the sources.
import { buildApp, buildIsStale } from '../../server/build';
import { hasChromium } from './harness';

export default function setup() {
	if (!hasChromium) {
		console.warn('[e2e] /usr/bin/chromium not found: end-to-end tests will be skipped (apt-get install -y chromium)');
		return;
	}
	if (buildIsStale()) {
		console.log('[e2e] building the production app…');
		if (!buildApp()) throw new Error('[e2e] the production build failed');
	}
}
