import type { HealthModel } from './model';
import type { Grade } from './result';

/** docs/sources.md#health-grades calculateGrade: A >= 80, B >= 60, C >= 40, D >= 20, else F (thresholds from the model). */
export function gradeFor(score: number, grades: HealthModel['grades']): Grade {
	if (score >= grades.A) return 'A';
	if (score >= grades.B) return 'B';
	if (score >= grades.C) return 'C';
	if (score >= grades.D) return 'D';
	return 'F';
}

/** The highest category whose minimum the score reaches (docs/sources.md#health-categories: healthy >= 80, at_risk 60-79, critical < 60). */
export function categoryFor(score: number, categories: HealthModel['categories']) {
	const ordered = [...categories].sort((a, b) => b.min - a.min);
	return (ordered.find((category) => score >= category.min) ?? ordered[ordered.length - 1]).key;
}
