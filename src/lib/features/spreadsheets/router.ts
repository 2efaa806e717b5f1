// Spreadsheets in and out of the two lists. Who may do what:
//   volunteers  import (preview, commit, template) needs volunteer.edit on the committee
//               imported into, districts named must be in reach; export needs volunteer.view
//               and carries phones only where the caller has volunteer.edit
//   needs       import needs demand.edit on every school a row names (a school imports only
//               its own needs); export needs demand.view and never carries pupils' identity
// Preview and commit stream {progress} events and end with the preview or the outcome.
import { authedProcedure, router, type AuthedContext } from '$lib/server/trpc/init';
import { listDemandsInput } from '../demands/schemas';
import { listVolunteersInput } from '../volunteers/schemas';
import { commitImport, previewImport, type ImportChoices, type ImportFile } from './importer';
import {
	demandExport,
	demandImporter,
	demandImportTargets,
	demandTemplate,
	volunteerExport,
	volunteerImporter,
	volunteerImportTargets,
	volunteerTemplate,
	type Caller
} from './lists';
import { demandCommitInput, demandPreviewInput, volunteerCommitInput, volunteerPreviewInput } from './schemas';

const callerOf = (ctx: AuthedContext): Caller => ({ db: ctx.db, principal: ctx.principal, userId: ctx.user.id, locale: ctx.locale });
const fileOf = (file: { fileName: string; content: string }): ImportFile => ({
	fileName: file.fileName,
	bytes: new Uint8Array(Buffer.from(file.content, 'base64'))
});
const choicesOf = (input: ImportChoices): ImportChoices => ({ sheet: input.sheet, columns: input.columns, fixes: input.fixes });

export const spreadsheetsRouter = router({
	volunteers: router({
		/** The committees the caller may import volunteers into. */
		targets: authedProcedure.query(async ({ ctx }) => ({ committees: (await volunteerImportTargets(callerOf(ctx))).committees })),
		template: authedProcedure.query(({ ctx }) => volunteerTemplate(callerOf(ctx))),
		export: authedProcedure.input(listVolunteersInput).query(({ ctx, input }) => volunteerExport(callerOf(ctx), input)),
		preview: authedProcedure.input(volunteerPreviewInput).mutation(async ({ ctx, input }) => {
			const importer = await volunteerImporter(callerOf(ctx), input.orgId, input.file.fileName);
			return previewImport(importer, fileOf(input.file), ctx.locale, choicesOf(input));
		}),
		commit: authedProcedure.input(volunteerCommitInput).mutation(async ({ ctx, input }) => {
			const importer = await volunteerImporter(callerOf(ctx), input.orgId, input.file.fileName);
			return commitImport(importer, { ...fileOf(input.file), fingerprint: input.fingerprint }, ctx.db, ctx.locale, choicesOf(input));
		})
	}),
	demands: router({
		/** The schools the caller may import needs for; a school account's own school needs no column. */
		targets: authedProcedure.query(async ({ ctx }) => {
			const { schools, defaultSchool } = await demandImportTargets(callerOf(ctx));
			return {
				schools: schools.map(({ id, name }) => ({ id, name })),
				defaultSchool: defaultSchool && { id: defaultSchool.id, name: defaultSchool.name }
			};
		}),
		template: authedProcedure.query(({ ctx }) => demandTemplate(callerOf(ctx))),
		export: authedProcedure.input(listDemandsInput).query(({ ctx, input }) => demandExport(callerOf(ctx), input)),
		preview: authedProcedure.input(demandPreviewInput).mutation(async ({ ctx, input }) => {
			const importer = await demandImporter(callerOf(ctx), input.publish, input.file.fileName);
			return previewImport(importer, fileOf(input.file), ctx.locale, choicesOf(input));
		}),
		commit: authedProcedure.input(demandCommitInput).mutation(async ({ ctx, input }) => {
			const importer = await demandImporter(callerOf(ctx), input.publish, input.file.fileName);
			return commitImport(importer, { ...fileOf(input.file), fingerprint: input.fingerprint }, ctx.db, ctx.locale, choicesOf(input));
		})
	})
});
