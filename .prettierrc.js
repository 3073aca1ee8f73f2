// The n8n community-node starter's Prettier settings (n8n-io/n8n-nodes-starter, .prettierrc.js).
// Options: https://prettier.io/docs/en/options.html
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
