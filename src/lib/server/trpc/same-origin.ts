// A mutation must come from our own pages: browsers always send Origin on cross-site
// POSTs, and Sec-Fetch-Site tells same-origin requests apart where Origin is absent.
export function isSameOrigin(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin) return origin === url.origin;
	const site = request.headers.get('sec-fetch-site');
	return site === null || site === 'same-origin' || site === 'none';
}
