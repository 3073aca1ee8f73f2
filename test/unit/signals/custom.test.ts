import { customRules, evaluateRule, type SignalRule } from '../../../src/signals';

const one = (row: Record<string, unknown>): SignalRule => customRules([row])[0];

describe('custom signals built in the UI', () => {
	it('turns a row into a rule, with a default description and medium severity', () => {
		expect(
			customRules([
				{ type: 'seat_contraction', field: 'team_size_change', operator: 'lt', value: '-0.2' },
			]),
		).toEqual([
			{
				type: 'seat_contraction',
				field: 'team_size_change',
				operator: 'lt',
				threshold: -0.2,
				severity: 'medium',
				description: 'team_size_change < -0.2',
				builtIn: false,
			},
		]);
		expect(
			one({
				type: ' exec_left ',
				field: 'champion_left',
				operator: 'isTrue',
				value: '',
				severity: 'high',
				description: ' Champion left ',
			}),
		).toEqual({
			type: 'exec_left',
			field: 'champion_left',
			operator: 'isTrue',
			threshold: null,
			severity: 'high',
			description: 'Champion left',
			builtIn: false,
		});
	});

	// [operator, value, field value, detected]
	const cases: Array<[string, string, unknown, boolean]> = [
		['gt', '10', 10, false],
		['gt', '10', 10.5, true],
		['gte', '10', 10, true],
		['gte', '10', 9.99, false],
		['lt', '-0.2', -0.2, false],
		['lt', '-0.2', -0.21, true],
		['lte', '-0.2', -0.2, true],
		['lte', '-0.2', '-0.1', false],
		['equals', '3', '3', true],
		['equals', '3', 3.0, true],
		['equals', '3', 4, false],
		['equals', 'churned', ' churned ', true],
		['equals', 'churned', 'Churned', false],
		['equals', 'true', true, true],
		['notEquals', 'enterprise', 'starter', true],
		['notEquals', 'enterprise', 'enterprise', false],
		['notEquals', '0', 0, false],
		['isTrue', '', true, true],
		['isTrue', '', 'true', true],
		['isTrue', '', false, false],
		['isFalse', '', 'false', true],
		['isFalse', '', 'TRUE', false],
	];

	it.each(cases)('operator %s %p on %p detected: %p', (operator, value, fieldValue, detected) => {
		const rule = one({ type: 'custom', field: 'metric', operator, value });
		expect(evaluateRule({ metric: fieldValue }, rule).status).toBe(detected ? 'detected' : 'clear');
	});

	it('reads nested fields and reports the signal with its operator symbol', () => {
		const rule = one({
			type: 'api_errors',
			field: 'usage.api_errors',
			operator: 'gte',
			value: 100,
			severity: 'low',
		});
		expect(evaluateRule({ usage: { api_errors: 120 } }, rule)).toEqual({
			status: 'detected',
			signal: {
				type: 'api_errors',
				severity: 'low',
				description: 'usage.api_errors >= 100',
				metric: 'usage.api_errors',
				value: 120,
				threshold: 100,
				operator: '>=',
			},
		});
		expect(evaluateRule({ usage: {} }, rule)).toEqual({ status: 'not_evaluated' });
		expect(evaluateRule({}, rule)).toEqual({ status: 'not_evaluated' });
	});

	it('never treats a missing field as a value, not even for != or is false', () => {
		for (const operator of ['notEquals', 'isFalse', 'lt']) {
			const rule = one({ type: 'x', field: 'plan', operator, value: '1' });
			expect(evaluateRule({ plan: null }, rule).status).toBe('not_evaluated');
		}
	});

	it('fails an item whose field has the wrong kind of value, naming field and signal', () => {
		expect(() =>
			evaluateRule(
				{ metric: 'high' },
				one({ type: 'x', field: 'metric', operator: 'gt', value: '1' }),
			),
		).toThrow('metric: must be a number for signal "x" (got "high")');
		expect(() =>
			evaluateRule({ metric: 1 }, one({ type: 'x', field: 'metric', operator: 'isTrue' })),
		).toThrow('metric: must be true or false for signal "x" (got 1)');
		expect(() =>
			evaluateRule(
				{ metric: [1] },
				one({ type: 'x', field: 'metric', operator: 'equals', value: 'a' }),
			),
		).toThrow('metric: must be a number, text or true/false for signal "x" (got an array)');
	});

	it('rejects bad rows with errors that name the row', () => {
		const ok = { type: 'a', field: 'f', operator: 'gt', value: '1' };
		expect(() => customRules([ok, { ...ok, type: 'b', value: 'abc' }])).toThrow(
			'Custom signal 2 ("b"): value: must be a number for operator ">" (got "abc")',
		);
		expect(() => customRules([{ ...ok, value: '' }])).toThrow(
			'Custom signal 1 ("a"): value: must be a number for operator ">" (got "")',
		);
		expect(() => customRules([{ ...ok, type: '' }])).toThrow('Custom signal 1: type: is required');
		expect(() => customRules([{ ...ok, type: 'big drop' }])).toThrow(
			'Custom signal 1 ("big drop"): type: must use only letters, digits, "_", "-", "." and ":" (no spaces)',
		);
		expect(() => customRules([{ ...ok, type: 'a|b' }])).toThrow(
			/^Custom signal 1 \("a\|b"\): type: must use only/,
		);
		expect(() => customRules([{ ...ok, field: ' ' }])).toThrow(
			'Custom signal 1 ("a"): field: is required',
		);
		expect(() => customRules([{ ...ok, operator: 'between' }])).toThrow(
			'Custom signal 1 ("a"): operator: must be one of gt, gte, lt, lte, equals, notEquals, isTrue, isFalse',
		);
		expect(() => customRules([{ ...ok, severity: 'critical' }])).toThrow(
			'Custom signal 1 ("a"): severity: must be one of low, medium, high',
		);
		expect(() => customRules([{ ...ok, operator: 'equals', value: ' ' }])).toThrow(
			'Custom signal 1 ("a"): value: is required for operator "="',
		);
	});

	it('rejects a built-in name and a duplicate type', () => {
		const ok = { type: 'a', field: 'f', operator: 'gt', value: '1' };
		expect(() => customRules([{ ...ok, type: 'nps_detractor' }])).toThrow(
			'Custom signal 1 ("nps_detractor"): type "nps_detractor" is a built-in signal; pick another name (turn the built-in one off in Signals, or change its threshold in Options > Thresholds)',
		);
		expect(() => customRules([ok, { ...ok, field: 'g' }])).toThrow(
			'Custom signal 2 ("a"): type "a" is already used by custom signal 1',
		);
	});

	it('keeps text values of = and != as text, numbers as numbers', () => {
		expect(
			one({ type: 'x', field: 'plan', operator: 'equals', value: ' starter ' }).threshold,
		).toBe('starter');
		expect(one({ type: 'x', field: 'plan', operator: 'notEquals', value: '2' }).threshold).toBe(2);
		expect(customRules([])).toEqual([]);
	});
});
