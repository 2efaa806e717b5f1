// Writing the .xlsx files people download: the template (headers and one example row) and
// exports (the list's rows), both with drop-downs for single-choice columns, dates as real
// date cells, phone numbers as text, and a second sheet explaining every column.
import ExcelJS from 'exceljs';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import type { Cell } from './cells';
import { MAX_DATA_ROWS } from './limits';
import { columnLetter } from './cells';
import { headerOf, hintOf, labelsOf, type ColumnSpec } from './sheet-spec';

export interface SheetContent<K extends string> {
	locale: Locale;
	sheetName: string;
	columns: readonly ColumnSpec<K>[];
	/** Names an organisation column may take (districts, schools), for its drop-down. */
	orgNames: readonly string[];
	rows: readonly Cell[][];
	/** The template's sample row, shown in grey. */
	example?: readonly Cell[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBEAEA' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6C9C9' } };

/** The values a drop-down offers, or null for free-text columns. */
function choicesOf(column: ColumnSpec, content: SheetContent<string>): string[] | null {
	const opts = { locale: content.locale };
	if (column.type === 'choice') return labelsOf(column.vocabulary!, content.locale);
	if (column.type === 'yesno') return [m.spreadsheets_yes({}, opts), m.spreadsheets_no({}, opts)];
	if (column.type === 'org') return content.orgNames.length ? [...content.orgNames] : null;
	return null;
}

/** exceljs writes one validation for a whole range this way; its typings only know per-cell ones. */
const validations = (sheet: ExcelJS.Worksheet) =>
	(sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

export async function writeSheet<K extends string>(content: SheetContent<K>): Promise<Uint8Array> {
	const { locale, columns } = content;
	const opts = { locale };
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name({}, opts);
	const sheet = workbook.addWorksheet(content.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	const notes = workbook.addWorksheet(m.spreadsheets_notes_sheet({}, opts));
	const lists = workbook.addWorksheet(m.spreadsheets_lists_sheet({}, opts), { state: 'hidden' });

	sheet.columns = columns.map((c) => ({ header: headerOf(c, locale), width: c.width, key: c.key }));
	const header = sheet.getRow(1);
	header.font = { bold: true };
	header.height = 22;
	columns.forEach((c, i) => {
		header.getCell(i + 1).fill = c.required ? REQUIRED_FILL : HEADER_FILL;
		const column = sheet.getColumn(i + 1);
		if (c.type === 'phone') column.numFmt = '@';
		if (c.type === 'date') column.numFmt = 'yyyy-mm-dd';
	});
	if (content.example) {
		const row = sheet.addRow([...content.example]);
		row.font = { italic: true, color: { argb: 'FF78716C' } };
	}
	for (const cells of content.rows) sheet.addRow([...cells]);

	// Drop-downs read their values from the hidden list sheet: lists can be longer than the
	// 255 characters an inline list allows.
	const lastRow = Math.max(MAX_DATA_ROWS, content.rows.length) + 1;
	let listColumn = 0;
	for (const [i, column] of columns.entries()) {
		const choices = choicesOf(column, content);
		if (!choices) continue;
		listColumn++;
		const letter = columnLetter(listColumn - 1);
		lists.getCell(`${letter}1`).value = headerOf(column, locale);
		choices.forEach((choice, k) => (lists.getCell(`${letter}${k + 2}`).value = choice));
		validations(sheet).add(`${columnLetter(i)}2:${columnLetter(i)}${lastRow}`, {
			type: 'list',
			allowBlank: true,
			formulae: [`'${lists.name}'!$${letter}$2:$${letter}$${choices.length + 1}`],
			showErrorMessage: true,
			errorStyle: 'warning',
			errorTitle: headerOf(column, locale),
			error: m.spreadsheets_dropdown_error({}, opts)
		});
	}

	notes.columns = [
		{ header: m.spreadsheets_notes_column({}, opts), width: 20 },
		{ header: m.spreadsheets_notes_required({}, opts), width: 10 },
		{ header: m.spreadsheets_notes_how({}, opts), width: 60 },
		{ header: m.spreadsheets_notes_values({}, opts), width: 60 }
	];
	notes.getRow(1).font = { bold: true };
	for (const column of columns) {
		const values = column.vocabulary ? labelsOf(column.vocabulary, locale).join(locale === 'zh' ? '、' : ', ') : '';
		const row = notes.addRow([
			headerOf(column, locale),
			column.required ? m.spreadsheets_yes({}, opts) : m.spreadsheets_no({}, opts),
			hintOf(column, locale),
			values
		]);
		row.alignment = { wrapText: true, vertical: 'top' };
	}
	notes.addRow([]);
	for (const line of [
		m.spreadsheets_notes_general_1({}, opts),
		m.spreadsheets_notes_general_2({}, opts),
		m.spreadsheets_notes_general_3({}, opts)
	]) {
		notes.addRow([line]);
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
