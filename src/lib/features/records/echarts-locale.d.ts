// ECharts ships its Chinese locale as a plain module without types.
declare module 'echarts/lib/i18n/langZH.js' {
	const locale: Parameters<typeof import('echarts').registerLocale>[1];
	export default locale;
}
