// What people type into spreadsheet cells, read the way they meant it: dates in the usual
// Chinese spellings or as real Excel dates, 是/否 and ✓ for yes and no, several values in one
// cell separated by 、，, ; / or spaces, numbers typed as text. Pure functions.
import { dateToDay, dayOf } from '$lib/domain/dates';

/** One cell as the readers hand it over: already unwrapped from rich text, formulas, links. */
export type Cell = string | number | boolean | Date | null;

/** Full-width digits, letters and punctuation (１２３, ／, ：) read as their ASCII twins. */
const folded = (s: string) => s.normalize('NFKC').trim();

export const isBlank = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The cell as text, as the person sees it (a number typed into a text column stays digits). */
export function cellText(cell: Cell): string {
	if (cell === null) return '';
	if (cell instanceof Date) return dateToDay(cell);
	if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
	if (typeof cell === 'boolean') return cell ? 'true' : 'false';
	return cell.trim();
}

/** Excel counts days from 1899-12-30; spreadsheets without a date format show the count. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A calendar date as far as a cell gives it: a year, a month of a year, or a day. */
export interface PartialDate {
	year: number;
	month: number | null;
	day: number | null;
}

/**
 * What date a cell names, as precisely as it names it: Excel date cells (exceljs hands them
 * over as UTC midnight), Excel day numbers, 2027-03-01, 2027/3/1, 2027.3.1, 2027年3月1日,
 * and the shorter 1956.07, 1950-5, 1950年5月, 1956年 and a bare 1956 (a number or text).
 */
export function parsePartialDate(cell: Cell): PartialDate | null {
	if (cell instanceof Date) {
		if (Number.isNaN(cell.getTime())) return null;
		// Excel stores times as fractions of a day; a rounding error must not move the date.
		const d = new Date(cell.getTime() + 1000);
		return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
	}
	if (typeof cell === 'number') {
		if (Number.isInteger(cell) && cell >= 1900 && cell <= 2150) return { year: cell, month: null, day: null };
		// 1956.07 typed into a cell Excel keeps as a number (and shows 1956.10 as 1956.1).
		if (cell > 1900 && cell < 2151) {
			const year = Math.floor(cell);
			const month = Math.round((cell - year) * 100);
			return month >= 1 && month <= 12 ? { year, month, day: null } : null;
		}
		// 1990 … 2150: anything else in a date column is not a day number.
		if (cell < 32874 || cell > 91311) return null;
		return parsePartialDate(new Date(EXCEL_EPOCH_MS + Math.floor(cell + 1 / 86_400) * DAY_MS));
	}
	if (typeof cell !== 'string') return null;
	const text = folded(cell);
	const match = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*(?:[-/.]\s*(\d{1,2}))?|年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]?)?)?)?$/.exec(
		text
	);
	if (!match) return null;
	const [, y, m1, d1, m2, d2] = match;
	const year = Number(y);
	const month = (m1 ?? m2) ? Number(m1 ?? m2) : null;
	const day = (d1 ?? d2) ? Number(d1 ?? d2) : null;
	if (year < 1900 || (month !== null && (month < 1 || month > 12))) return null;
	if (day !== null && dayOf(year, month!, day) === null) return null;
	return { year, month, day };
}

/**
 * A calendar day as `YYYY-MM-DD`, or null when the cell is not one. A month or a year alone
 * stands for its first day, or its last with `edge: 'end'` (a window "2027年3月" ends on the 31st).
 */
export function parseDay(cell: Cell, edge: 'start' | 'end' | 'exact' = 'exact'): string | null {
	const date = parsePartialDate(cell);
	if (!date || (date.day === null && edge === 'exact')) return null;
	const month = date.month ?? (edge === 'end' ? 12 : 1);
	const day = date.day ?? (edge === 'end' ? new Date(Date.UTC(date.year, month, 0)).getUTCDate() : 1);
	return dayOf(date.year, month, day);
}

/** The year of any date a cell names (a birth date written 1956.07 gives 1956). */
export const parseYear = (cell: Cell): number | null => parsePartialDate(cell)?.year ?? null;

/** A whole number, from a number cell or digits typed as text ("120", "１２０"); null otherwise. */
export function parseWholeNumber(cell: Cell): number | null {
	if (typeof cell === 'number') return Number.isInteger(cell) ? cell : null;
	if (typeof cell !== 'string') return null;
	const text = folded(cell).replace(/,/g, '');
	return /^[+-]?\d+$/.test(text) ? Number(text) : null;
}

const YES = new Set(['是', '有', '对', 'y', 'yes', 'true', '1', '✓', '✔', '√', '☑']);
const NO = new Set(['否', '无', '不是', '没有', 'n', 'no', 'false', '0', '✗', '✘', '×', 'x', '☐']);

/** 是/否, Y/N, yes/no, true/false, 1/0, ✓/✗; null when it is none of them. */
export function parseYesNo(cell: Cell): boolean | null {
	if (typeof cell === 'boolean') return cell;
	const text = folded(cellText(cell)).toLowerCase();
	if (YES.has(text)) return true;
	if (NO.has(text)) return false;
	return null;
}

/**
 * Several values in one cell: 法治与安全、五史教育 | a, b; c | 线下/线上 | 家庭教育 阅读辅导. Labels may hold
 * spaces or commas themselves ("Law and safety", "Primary, lower grades"), so within a piece
 * the longest run of words `isKnown` recognises is taken first; other words stand alone.
 */
export function splitList(cell: Cell, isKnown: (phrase: string) => boolean = () => false): string[] {
	const phrases: string[] = [];
	for (const piece of cellText(cell).split(/[、;；，/／]+/)) {
		const words = piece.split(/[,\s]+/).filter(Boolean);
		for (let i = 0; i < words.length;) {
			let j = words.length;
			while (j > i + 1 && !isKnown(words.slice(i, j).join(' '))) j--;
			phrases.push(words.slice(i, j).join(' '));
			i = j;
		}
	}
	return phrases;
}

/** Phone numbers as people write them: spaces or dashes between groups, a +86 in front. */
export function normalizePhone(cell: Cell): string {
	return folded(cellText(cell))
		.replace(/[\s-]/g, '')
		.replace(/^(?:\+?86)(1\d{10})$/, '$1');
}

/** How labels and codes are compared: width-folded, case-blind, spaces ignored. */
export const matchKey = (s: string) => folded(s).toLowerCase().replace(/\s+/g, '');

/** A, B, … Z, AA: how spreadsheets name a column. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let name = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		name = String.fromCharCode(65 + r) + name;
		n = Math.floor((n - 1) / 26);
	}
	return name;
}
