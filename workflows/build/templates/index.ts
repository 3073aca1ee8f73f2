import type { Template } from '../template';
import { welcomeTemplate } from './welcome';

/** Every bundled template, in the order workflows/README.md lists them. */
export const TEMPLATES: Array<() => Template> = [welcomeTemplate];
