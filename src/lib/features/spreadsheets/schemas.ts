// Inputs of the spreadsheet procedures. The file travels base64-encoded inside the JSON
// call, so the preview and the confirmation can stream their progress back (tRPC's
// streaming link carries JSON only).
import { z } from 'zod';
import { textField } from '$lib/validation/fields';
import { m } from '$lib/paraglide/messages';
import { MAX_FILE_BYTES, MAX_FILE_MB } from './limits';

const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

const uploadedFile = z.object({
	fileName: textField().trim().min(1).max(200),
	content: z
		.base64({ error: () => m.spreadsheets_file_not_spreadsheet() })
		.max(MAX_BASE64, { error: () => m.spreadsheets_file_too_large({ mb: String(MAX_FILE_MB) }) })
});

const fingerprint = textField().regex(/^[0-9a-f]{64}$/);

/** The person's choices between the file and the confirmation (see ImportChoices). */
const choices = {
	sheet: textField().max(100).nullish(),
	columns: z
		.array(z.object({ index: z.number().int().min(0).max(1000), field: textField().max(40).nullable() }))
		.max(1000)
		.nullish(),
	fixes: z
		.array(z.object({ row: z.number().int().min(1), field: textField().max(40), value: textField().max(500) }))
		.max(1000)
		.default([])
};

export const volunteerPreviewInput = z.object({ orgId: textField().min(1), file: uploadedFile, ...choices });
export const volunteerCommitInput = volunteerPreviewInput.extend({ fingerprint });

export const demandPreviewInput = z.object({ publish: z.boolean().default(false), file: uploadedFile, ...choices });
export const demandCommitInput = demandPreviewInput.extend({ fingerprint });
