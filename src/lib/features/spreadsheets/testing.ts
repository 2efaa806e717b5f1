// Test helpers: spreadsheets built the way people's files come (Excel with real date cells,
// CSV in UTF-8 with or without a BOM, CSV in GBK), and a reader for the import's event stream.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { dateToDay } from '$lib/domain/dates';
import type { Cell } from './cells';
import type { ImportEvent, ImportOutcome, ImportPreview } from './importer';

export async function xlsxFile(
	rows: readonly (readonly Cell[])[],
	options: { sheetName?: string; dateFormat?: string } = {}
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1');
	for (const row of rows) {
		const added = sheet.addRow([...row]);
		added.eachCell((cell) => {
			if (cell.value instanceof Date) cell.numFmt = options.dateFormat ?? 'yyyy/m/d';
		});
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function csvFile(rows: readonly (readonly Cell[])[], encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8'): Uint8Array {
	const text = Papa.unparse(
		rows.map((r) => r.map((c) => (c === null ? '' : c instanceof Date ? dateToDay(c) : String(c)))),
		{ newline: '\r\n' }
	);
	if (encoding === 'gbk') return new Uint8Array(iconv.encode(text, 'gbk'));
	const bytes = new TextEncoder().encode(text);
	return encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
}

export const upload = (fileName: string, bytes: Uint8Array) => ({ fileName, content: Buffer.from(bytes).toString('base64') });

export interface Drained {
	events: ImportEvent[];
	preview: ImportPreview;
	outcome: ImportOutcome;
}

/** Reads an import's events to the end; `onEvent` may act between them (the stream waits). */
export async function drain(events: AsyncIterable<ImportEvent>, onEvent?: (event: ImportEvent) => Promise<void> | void): Promise<Drained> {
	const seen: ImportEvent[] = [];
	for await (const event of events) {
		seen.push(event);
		await onEvent?.(event);
	}
	const preview = seen.find((e) => e.type === 'preview');
	const outcome = seen.find((e) => e.type === 'outcome');
	return {
		events: seen,
		preview: preview?.type === 'preview' ? preview.preview : (undefined as never),
		outcome: outcome?.type === 'outcome' ? outcome.outcome : (undefined as never)
	};
}
