import { previewValue } from '../../shared/preview';
import { InvalidHealthModelError, parseHealthModel, type HealthModel } from '../model';
import { DEFAULT_HEALTH_MODEL } from './defaultModel';
import { BANDED_POINTS_MODEL } from './bandedPoints';
import { FIVE_COMPONENT_MODEL } from './fiveComponents';
import { FOUR_COMPONENT_MODEL } from './fourComponents';

export const HEALTH_MODEL_PRESETS = {
	default: DEFAULT_HEALTH_MODEL,
	seed001_banded: BANDED_POINTS_MODEL,
	seed003: FIVE_COMPONENT_MODEL,
	seed004: FOUR_COMPONENT_MODEL,
} as const;

export type HealthModelPreset = keyof typeof HEALTH_MODEL_PRESETS;

const parsed = new Map<HealthModelPreset, HealthModel>();

/** A preset, validated once by the same schema custom models go through. */
export function healthModelPreset(preset: HealthModelPreset): HealthModel {
	let model = parsed.get(preset);
	if (!model) {
		const input = Object.prototype.hasOwnProperty.call(HEALTH_MODEL_PRESETS, preset)
			? HEALTH_MODEL_PRESETS[preset]
			: undefined;
		if (!input) {
			throw new InvalidHealthModelError(
				`Model: must be one of ${Object.keys(HEALTH_MODEL_PRESETS).join(', ')}, customUi, customJson (got ${previewValue(preset)})`,
			);
		}
		model = parseHealthModel(input, `Preset "${preset}"`);
		parsed.set(preset, model);
	}
	return model;
}

export { DEFAULT_HEALTH_MODEL, BANDED_POINTS_MODEL, FIVE_COMPONENT_MODEL, FOUR_COMPONENT_MODEL };
