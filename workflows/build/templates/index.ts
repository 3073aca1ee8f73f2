import type { Template } from '../template';
import { tryItTemplate } from './tryIt';
import { welcomeTemplate } from './welcome';

/** Every bundled template, in the order workflows/README.md lists them. */
export const TEMPLATES: Array<() => Template> = [tryItTemplate, welcomeTemplate];
