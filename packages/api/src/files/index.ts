/** Spreadsheet imports and exports: read a table, map its headers, read its cells, write a download, take an upload. */
export * from './cells.js';
export * from './mapRows.js';
export * from './problems.js';
export * from './readTable.js';
export * from './upload.js';
export * from './wallTime.js';
export * from './writeTable.js';
export * from './sendTable.js';
