// Test helpers: rosters and need lists in the shapes committees and schools keep them — a
// merged title row, a line saying who filed it, their own headers in their own order, extra
// columns, their words for topics and places, dates written every which way, two sheets.
import ExcelJS from 'exceljs';
import type { Cell } from './cells';

export interface SheetShape {
	name: string;
	title?: string;
	filedBy?: string;
	rows: readonly (readonly Cell[])[];
}

/** A workbook of sheets, each with its title merged across the table and its date cells formatted. */
export async function committeeWorkbook(sheets: readonly SheetShape[]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	for (const shape of sheets) {
		const sheet = workbook.addWorksheet(shape.name);
		const width = Math.max(...shape.rows.map((r) => r.length));
		if (shape.title) {
			sheet.addRow([shape.title]);
			sheet.mergeCells(sheet.rowCount, 1, sheet.rowCount, width);
			sheet.getRow(sheet.rowCount).font = { bold: true, size: 16 };
		}
		if (shape.filedBy) {
			sheet.addRow([shape.filedBy]);
			sheet.mergeCells(sheet.rowCount, 1, sheet.rowCount, width);
		}
		for (const row of shape.rows) {
			const added = sheet.addRow([...row]);
			added.eachCell((cell) => {
				if (cell.value instanceof Date) cell.numFmt = 'yyyy年m月d日';
			});
		}
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const ROSTER_HEADERS = ['序号', '姓名', '性别', '出生年月', '类别', '擅长领域', '联系电话', '所在区县', '服务方式', '备注'];

/** The 东湖 committee's 五老 roster, as the issue describes it. */
export const DONGHU_ROSTER: readonly (readonly Cell[])[] = [
	ROSTER_HEADERS,
	[1, '李秀英', '女', '1956.07', '老教师', '家庭教育、心理健康教育', '138-1234-5673', '东湖', '线下/线上', '退休前在实验小学教语文'],
	[2, '王德明', '男', '1950年5月', '老战士', '党史，国史', '+86 139 0000 0302', '东湖区', '均可', ''],
	[
		3,
		'赵国庆',
		'男',
		new Date(Date.UTC(1952, 9, 1)),
		'老干部',
		'法制教育; 科普',
		'137 0000 0303',
		'东湖区关工委',
		'线下',
		'曾任街道党委书记'
	],
	[4, '孙玉兰', '女', 1948, '老专家', '心理辅导 阅读', '13700000304', '东湖', '都可以', null]
];

/** The same committee's need list, kept by 东湖实验小学's teacher: their headers, their words. */
export const DONGHU_NEEDS: readonly (readonly Cell[])[] = [
	['序号', '学校', '活动形式', '讲座题目', '内容方向', '面向年级', '学生人数', '授课方式', '开始时间', '结束时间', '联系人', '备注'],
	[1, '实验小学', '讲座', '远离毒品 健康成长', '法制教育', '高年级/初中', 240, '均可', '2027.03', '2027年4月', '刘老师', '礼堂'],
	[
		2,
		'东湖第二中学',
		'宣讲',
		'听老战士讲党史',
		'党史',
		'初中',
		'180',
		'线下',
		new Date(Date.UTC(2027, 4, 8)),
		new Date(Date.UTC(2027, 4, 30)),
		'陈老师',
		null
	]
];
