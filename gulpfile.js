const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc emits only JavaScript (and the codex JSON); n8n also needs each node's SVG icons next to the built file.
function copyIcons(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false, allowEmpty: true }).pipe(
			dest(path.resolve('dist', folder)),
		);
	copy.displayName = `icons:${folder}`;
	return copy;
}

task('build:icons', parallel(copyIcons('nodes'), copyIcons('credentials')));
