import { CustomerInputError } from '../customer/locate';
import { roundTo } from '../shared/numbers';
import { isAbsent, readFeatureList, readNumber } from './inputs';
import type { AddOnPrices, ExpansionSettings } from './settings';
import type {
	AddOnSignalType,
	ExpansionOpportunityResult,
	ExpansionSignalResult,
	OpportunityType,
	SkippedOpportunity,
} from './result';

/**
 * docs/sources.md#expansion-opportunities ExpansionEngine.identifyOpportunities: one typed opportunity per opportunity-bearing signal, each
 * with the customer's probability and the descriptions of every fired signal; plus docs/sources.md#expansion-add-ons add-ons.
 * Money is rounded to 2 decimals. An estimate whose input is missing is null with the reason in `basis`:
 * never a made-up number.
 */

export interface OpportunityContext {
	record: Record<string, unknown>;
	settings: ExpansionSettings;
	probability: number;
	fired: ExpansionSignalResult[];
}

export interface Opportunities {
	opportunities: ExpansionOpportunityResult[];
	skipped: SkippedOpportunity[];
}

/** docs/sources.md#expansion-add-ons: one product per trigger, valued at its monthly price. */
export const ADD_ON_OFFERS: ReadonlyArray<{
	signal: AddOnSignalType;
	type: OpportunityType;
	product: string;
	price: keyof AddOnPrices;
	recommendedAction: string;
}> = [
	{
		signal: 'analytics_dashboard_usage',
		type: 'upsell',
		product: 'Pro Plan',
		price: 'proPlan',
		recommendedAction: 'Present the Pro Plan to a heavy analytics user',
	},
	{
		signal: 'integration_requested',
		type: 'cross_sell',
		product: 'API Access',
		price: 'apiAccess',
		recommendedAction: 'Offer API Access for the requested integration',
	},
	{
		signal: 'branding_mentioned',
		type: 'cross_sell',
		product: 'White-Label',
		price: 'whiteLabel',
		recommendedAction: 'Offer White-Label for their branding and marketing',
	},
	{
		signal: 'large_event_scheduled',
		type: 'cross_sell',
		product: 'Premium Support',
		price: 'premiumSupport',
		recommendedAction: 'Offer Premium Support (SLA under 5 minutes) for the event',
	},
];

/** The customer's plan, trimmed; undefined when absent. */
function planOf(record: Record<string, unknown>): string | undefined {
	const raw = record.plan;
	if (isAbsent(raw) || (typeof raw !== 'string' && typeof raw !== 'number')) return undefined;
	return String(raw).trim();
}

function ladderIndex(ladder: string[], plan: string | undefined): number {
	if (plan === undefined) return -1;
	return ladder.findIndex((step) => step.toLowerCase() === plan.toLowerCase());
}

/**
 * Money, 2 decimals. Every input is finite, yet a product of huge ones (an mrr of 1e308 at a share of 2) can overflow:
 * that item fails naming the estimate and its inputs, never showing an estimatedValue of Infinity.
 */
function money(value: number, estimate: string, inputs: string): number {
	if (!Number.isFinite(value)) {
		throw new CustomerInputError(
			`estimatedValue of ${estimate}: is not a finite amount for ${inputs} (got ${value})`,
			estimate,
		);
	}
	return roundTo(value, 2);
}

/** docs/sources.md#expansion-opportunities upsell (approaching_limit): next plan of the ladder, valued at 50 % of MRR. */
function upsell(
	context: OpportunityContext,
): Partial<ExpansionOpportunityResult> | SkippedOpportunity {
	const { record, settings } = context;
	const ladder = settings.planLadder;
	const plan = planOf(record);
	const index = ladderIndex(ladder, plan);
	const ladderText = ladder.join(', ');
	// Fix of docs/sources.md#expansion-opportunities getNextPlan, which offers "enterprise" to an enterprise customer and "starter" to any plan
	// it does not know (indexOf -1 + 1 = 0).
	if (index === ladder.length - 1) {
		return {
			type: 'upsell',
			product: null,
			reason: `plan "${plan}" is the top of the plan ladder (${ladderText}): there is no higher plan to offer`,
		};
	}
	let note: string | null = null;
	if (plan === undefined)
		note = `plan is absent: choose the plan to offer (plan ladder: ${ladderText})`;
	else if (index === -1)
		note = `plan "${plan}" is not on the plan ladder (${ladderText}): choose the plan to offer`;

	const share = settings.upsellShareOfMrr;
	const shareText = `${roundTo(share * 100, 2)}% of mrr`;
	const mrr = readNumber(record, 'mrr');
	return {
		product: index === -1 ? null : ladder[index + 1],
		estimatedValue: mrr.ok
			? money(mrr.value * share, 'upsell', `mrr ${mrr.value} at ${shareText}`)
			: null,
		basis: mrr.ok
			? `${shareText} ${mrr.value}`
			: `${mrr.reason}: the upgrade is valued at ${shareText}`,
		note,
	};
}

/** docs/sources.md#expansion-opportunities add_seats (team_growth): ceil(seats * (1 + growth)) seats, priced at mrr / seats. */
function addSeats(
	context: OpportunityContext,
	growth: number,
): Partial<ExpansionOpportunityResult> {
	const seats = readNumber(context.record, 'seats');
	const mrr = readNumber(context.record, 'mrr');
	const pricing = 'a seat is priced at mrr / seats';
	if (!seats.ok) return { estimatedValue: null, basis: `${seats.reason}: ${pricing}` };
	if (seats.value <= 0) {
		return {
			estimatedValue: null,
			basis: `seats is ${seats.value}: ${pricing}, which needs at least one seat`,
		};
	}
	// toPrecision(12) drops binary artefacts before ceil: 25 * (1 + 1.2) is 55.00000000000001 in floating point.
	const newSeats = Math.ceil(Number((seats.value * (1 + growth)).toPrecision(12)));
	const added = roundTo(newSeats - seats.value, 6);
	const growthText = `${seats.value} -> ${newSeats} seats (+${added})`;
	if (!mrr.ok) return { estimatedValue: null, basis: `${growthText}; ${mrr.reason}: ${pricing}` };
	const perSeat = mrr.value / seats.value;
	return {
		estimatedValue: money(
			added * perSeat,
			'add_seats',
			`${growthText} at mrr ${mrr.value} / ${seats.value} seats`,
		),
		basis: `${growthText} at ${money(perSeat, 'add_seats', `mrr ${mrr.value} / ${seats.value} seats`)} a seat (mrr ${mrr.value} / ${seats.value} seats)`,
	};
}

/** docs/sources.md#expansion-opportunities add_features (feature_attempts): $50 per blocked feature, from the `blocked_features` list. */
function addFeatures(context: OpportunityContext): Partial<ExpansionOpportunityResult> {
	const price = context.settings.featureAddOnPrice;
	const features = readFeatureList(context.record, 'blocked_features');
	if (features === undefined) {
		return {
			estimatedValue: null,
			basis: `blocked_features is absent: list the blocked features to price the add-on at ${price} each`,
		};
	}
	const listed = features.length ? ` (${features.join(', ')})` : '';
	return {
		estimatedValue: money(
			features.length * price,
			'add_features',
			`${features.length} features at ${price}`,
		),
		basis: `${features.length} blocked feature${features.length === 1 ? '' : 's'}${listed} at ${price} each`,
	};
}

export function buildOpportunities(context: OpportunityContext): Opportunities {
	const { fired, probability, settings } = context;
	const signals = fired.map((signal) => signal.description);
	const firedSignal = (type: string) => fired.find((signal) => signal.type === type);
	const opportunities: ExpansionOpportunityResult[] = [];
	const skipped: SkippedOpportunity[] = [];
	const add = (
		base: Pick<ExpansionOpportunityResult, 'type' | 'product' | 'recommendedAction'>,
		estimate: Partial<ExpansionOpportunityResult>,
	) =>
		opportunities.push({
			type: base.type,
			product: estimate.product !== undefined ? estimate.product : base.product,
			estimatedValue: estimate.estimatedValue ?? null,
			probability,
			recommendedAction: base.recommendedAction,
			timing: 'now',
			signals,
			basis: estimate.basis ?? '',
			note: estimate.note ?? null,
		});

	// docs/sources.md#expansion-opportunities order: upsell, add_seats, add_features.
	if (firedSignal('approaching_limit')) {
		const result = upsell(context);
		if ('reason' in result) skipped.push(result);
		else
			add(
				{ type: 'upsell', product: null, recommendedAction: 'Present upgrade to higher plan' },
				result,
			);
	}
	const teamGrowth = firedSignal('team_growth');
	if (teamGrowth) {
		add(
			{
				type: 'add_seats',
				product: 'Additional seats',
				recommendedAction: 'Offer team expansion package',
			},
			addSeats(context, teamGrowth.value as number),
		);
	}
	if (firedSignal('feature_attempts')) {
		add(
			{
				type: 'add_features',
				product: 'Feature add-on',
				recommendedAction: 'Present feature add-on options',
			},
			addFeatures(context),
		);
	}

	for (const offer of ADD_ON_OFFERS) {
		if (!firedSignal(offer.signal)) continue;
		if (offer.signal === 'analytics_dashboard_usage') {
			// The retention playbook aims the Pro Plan at customers below it: not offered to a customer already on pro or above.
			const ladder = settings.planLadder;
			const plan = planOf(context.record);
			const proIndex = ladderIndex(ladder, 'pro');
			const planIndex = ladderIndex(ladder, plan);
			if (proIndex !== -1 && planIndex >= proIndex) {
				skipped.push({
					type: offer.type,
					product: offer.product,
					reason: `plan "${plan}" is already at or above pro on the plan ladder (${ladder.join(', ')})`,
				});
				continue;
			}
		}
		const price = settings.addOnPrices[offer.price];
		add(offer, {
			estimatedValue: money(price, offer.type, `${offer.product} at ${price}`),
			basis: `${offer.product} monthly price ${price}`,
		});
	}
	return { opportunities, skipped };
}
