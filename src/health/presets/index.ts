import { previewValue } from '../../shared/preview';
import { InvalidHealthModelError, parseHealthModel, type HealthModel } from '../model';
import { DEFAULT_HEALTH_MODEL } from './seed002Default';
import { SEED_001_BANDED_MODEL } from './seed001Banded';
import { SEED_003_WEIGHTED_MODEL } from './seed003Weighted';
import { SEED_004_WEIGHTED_MODEL } from './seed004Weighted';

export const HEALTH_MODEL_PRESETS = {
	default: DEFAULT_HEALTH_MODEL,
	seed001_banded: SEED_001_BANDED_MODEL,
	seed003: SEED_003_WEIGHTED_MODEL,
	seed004: SEED_004_WEIGHTED_MODEL,
} as const;

export type HealthModelPreset = keyof typeof HEALTH_MODEL_PRESETS;

const parsed = new Map<HealthModelPreset, HealthModel>();

/** A preset, validated once by the same schema custom models go through. */
export function healthModelPreset(preset: HealthModelPreset): HealthModel {
	let model = parsed.get(preset);
	if (!model) {
		const input = Object.prototype.hasOwnProperty.call(HEALTH_MODEL_PRESETS, preset) ? HEALTH_MODEL_PRESETS[preset] : undefined;
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

export { DEFAULT_HEALTH_MODEL, SEED_001_BANDED_MODEL, SEED_003_WEIGHTED_MODEL, SEED_004_WEIGHTED_MODEL };
