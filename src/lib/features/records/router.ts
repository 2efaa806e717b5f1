// Records after a session, the school's confirmation and evaluation, coordinators'
// observations and corrections, and the reports built from them. Who may act:
//   record   — a volunteer seated on the session, or record.write over its school;
//   confirm  — record.confirm over the school (the school itself);
//   correct / observe — record.correct (coordinators), always with an audit entry;
//   reports  — report.view over the chosen part of the tree.
import { router } from '$lib/server/trpc/init';
import { confirmProcedures } from './procedures/confirm';
import { correctionProcedures } from './procedures/correction';
import { observationProcedures } from './procedures/observation';
import { recordProcedures } from './procedures/record';
import { reportProcedures } from './procedures/reports';
import { settingsProcedures } from './procedures/settings';

export const recordsRouter = router({
	...recordProcedures,
	...confirmProcedures,
	...correctionProcedures,
	...observationProcedures,
	...settingsProcedures
});

export const reportsRouter = router({
	...reportProcedures
});
