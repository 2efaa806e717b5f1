// A generated .xlsx as the HTTP response of a download link.
import type { Download } from './lists';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function xlsxResponse(file: Download): Response {
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
	return new Response(Buffer.from(file.content, 'base64'), {
		headers: {
			'content-type': XLSX,
			// The plain name for old clients, the UTF-8 one (Chinese) for everyone else.
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'no-store'
		}
	});
}
