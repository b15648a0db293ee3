// The back office's sections: the one list of what #/office/<id> can show, in the order of
// the side navigation. Each section is a module whose default export is a Preact component
// given {id, section}: `id` is what follows #/office/<section>/ ("new", a record's id, or
// undefined for the list). `permission` hides the section from users who could not read it
// (the server enforces it anyway). To add a section: a line here, its words `office.<id>` in
// both i18n files, and its module in pwa/js/office/.
export const SECTIONS = [
  { id: 'products', permission: 'catalog.read', module: './products.js' },
  { id: 'suppliers', permission: 'purchasing.read', module: './suppliers.js' },
  { id: 'customers', permission: 'sales.read', module: './customers.js' },
  { id: 'purchase-orders', permission: 'purchasing.read', module: './purchase-orders.js' },
  // second half (branch office2): add its sections below this line
  { id: 'sales-orders', permission: 'sales.read', module: './sales-orders.js' },
  { id: 'stock', permission: 'stock.read', module: './stock.js' },
  { id: 'warehouses', permission: 'stock.read', module: './warehouses.js' },
  { id: 'tokens', permission: 'tokens.manage', module: './tokens.js' },
  { id: 'audit', permission: 'audit.read', module: './audit.js' },
  // its own tile too (tiles.js), whose permission app.js checks on #/office/import
  { id: 'import', permission: 'users.admin', module: '../views/import.js' },
];

/** The section with this id, or null. */
export function section(id) {
  return SECTIONS.find((candidate) => candidate.id === id) || null;
}

/** The sections a user who `can(permission)` may open. */
export function allowedSections(can) {
  return SECTIONS.filter((candidate) => can(candidate.permission));
}
