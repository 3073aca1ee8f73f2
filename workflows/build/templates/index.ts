import type { Template } from '../template';
import { npsTemplate } from './nps';
import { healthDropTemplate } from './healthDrop';
import { expansionTemplate } from './expansion';
import { dailyScoringTemplate } from './dailyScoring';
import { tryItTemplate } from './tryIt';
import { welcomeTemplate } from './welcome';
import { reengagementTemplate } from './reengagement';
import { winbackTemplate } from './winback';
import { renewalTemplate } from './renewal';
import { cancellationTemplate } from './cancellation';
import { reviewsTemplate } from './reviews';
import { advocacyTemplate } from './advocacy';

/** Every bundled template, in the order workflows/README.md lists them. */
export const TEMPLATES: Array<() => Template> = [
	tryItTemplate,
	welcomeTemplate,
	reengagementTemplate,
	renewalTemplate,
	npsTemplate,
	winbackTemplate,
	cancellationTemplate,
	healthDropTemplate,
	expansionTemplate,
	dailyScoringTemplate,
	reviewsTemplate,
	advocacyTemplate,
];
