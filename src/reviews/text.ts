import type { TemplateLocale } from '../templates/locale';
import type { GoalStatus } from './successPlan';
import type { UsageTrend } from './metrics';

/**
 * The words of a review in English and Spanish, and how numbers and dates are written in each: our own tables, so the
 * output is the same on every Node.js build (Intl's data differs between ICU versions). Spanish writes a decimal comma
 * and groups thousands with a point from five digits on (1234, 12.345: the RAE's rule); English groups from four.
 */

export type ReviewLocale = TemplateLocale;

const MONTHS: Record<ReviewLocale, string[]> = {
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December',
	],
	es: [
		'enero',
		'febrero',
		'marzo',
		'abril',
		'mayo',
		'junio',
		'julio',
		'agosto',
		'septiembre',
		'octubre',
		'noviembre',
		'diciembre',
	],
};

/** A number with at most two decimals, trailing zeros dropped: 1,234.5 (en), 1234,5 and 12.345,5 (es). */
export function formatNumber(value: number, locale: ReviewLocale): string {
	const rounded = Math.round(value * 100) / 100;
	const [whole, fraction] = Math.abs(rounded)
		.toFixed(2)
		.replace(/0+$/, '')
		.replace(/\.$/, '')
		.split('.');
	const separator = locale === 'es' ? '.' : ',';
	const group = whole.length >= (locale === 'es' ? 5 : 4);
	const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator) : whole;
	const sign = rounded < 0 ? '-' : '';
	return `${sign}${grouped}${fraction ? `${locale === 'es' ? ',' : '.'}${fraction}` : ''}`;
}

/** A value with its unit: "45 %", "30 min" (a unit of one symbol such as "%" follows without a space in English). */
export function withUnit(value: number, unit: string | null, locale: ReviewLocale): string {
	const number = formatNumber(value, locale);
	if (!unit) return number;
	if (unit === '%') return locale === 'es' ? `${number} %` : `${number}%`;
	return `${number} ${unit}`;
}

/** A signed percentage: "+12.5%" / "+12,5 %". */
export function signedPercent(value: number, locale: ReviewLocale): string {
	const text = withUnit(value, '%', locale);
	return value > 0 ? `+${text}` : text;
}

export function formatMoney(value: number, currency: string | null, locale: ReviewLocale): string {
	const number = formatNumber(value, locale);
	return currency ? `${number} ${currency}` : number;
}

/** YYYY-MM-DD as "30 June 2026" / "30 de junio de 2026". */
export function formatDay(isoDay: string, locale: ReviewLocale): string {
	const [year, month, day] = isoDay.split('-').map(Number);
	const name = MONTHS[locale][month - 1];
	return locale === 'es' ? `${day} de ${name} de ${year}` : `${day} ${name} ${year}`;
}

export function monthLabel(year: number, month: number, locale: ReviewLocale): string {
	const name = MONTHS[locale][month - 1];
	return locale === 'es' ? `${name} de ${year}` : `${name} ${year}`;
}

/** Q2 2026 / T2 2026 (trimestre). */
export function quarterLabel(year: number, quarter: number, locale: ReviewLocale): string {
	return `${locale === 'es' ? 'T' : 'Q'}${quarter} ${year}`;
}

/** "a, b and c" / "a, b y c". */
export function joinNames(names: string[], locale: ReviewLocale): string {
	if (names.length <= 1) return names.join('');
	const and = locale === 'es' ? 'y' : 'and';
	return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

export const STATUS_LABELS: Record<ReviewLocale, Record<GoalStatus, string>> = {
	en: { achieved: 'Achieved', on_track: 'On track', at_risk: 'At risk', missed: 'Missed' },
	es: {
		achieved: 'Conseguido',
		on_track: 'En buen camino',
		at_risk: 'En riesgo',
		missed: 'No alcanzado',
	},
};

export const TREND_LABELS: Record<ReviewLocale, Record<UsageTrend, string>> = {
	en: { increasing: 'increasing', stable: 'stable', decreasing: 'decreasing' },
	es: { increasing: 'en aumento', stable: 'estable', decreasing: 'en descenso' },
};

export const HEALTH_LABELS: Record<ReviewLocale, Record<string, string>> = {
	en: { healthy: 'healthy', at_risk: 'at risk', critical: 'critical', churned: 'churned' },
	es: { healthy: 'saludable', at_risk: 'en riesgo', critical: 'crítico', churned: 'perdido' },
};

/** Seed 002 §12.1 openDiscussion, in its Spanish, with our English. */
export const OPEN_QUESTIONS: Record<ReviewLocale, string[]> = {
	en: [
		'Have your business priorities changed?',
		'Any new needs or use cases?',
		'Any feedback on the product?',
	],
	es: [
		'¿Hay cambios en las prioridades del negocio?',
		'¿Nuevas necesidades o casos de uso?',
		'¿Feedback sobre el producto?',
	],
};
