// The home screen's tiles and the permission each needs: the one place that maps the UI to
// the server's permission names (the server enforces them; this only hides what would fail).
export const TILES = [
  { id: 'receive', route: '#/receive', permission: 'purchasing.receive', icon: 'receive' },
  { id: 'pick', route: '#/pick', permission: 'sales.pick', icon: 'pick' },
  { id: 'count', route: '#/count', permission: 'stocktake.count', icon: 'count' },
  { id: 'move', route: '#/move', permission: 'transfers.write', icon: 'transfer' },
  { id: 'transfer', route: '#/transfer', permission: 'transfers.write', icon: 'truck' },
  { id: 'returns', route: '#/returns', permission: 'sales.return', icon: 'returns' },
  { id: 'approvals', route: '#/approvals', permission: 'approvals.decide', icon: 'approvals' },
  { id: 'lookup', route: '#/lookup', permission: 'stock.read', icon: 'lookup' },
  { id: 'users', route: '#/users', permission: 'users.read', icon: 'users' },
  // low-stock alerts (a manager drafts orders from them) and each user's notifications
  { id: 'alerts', route: '#/alerts', permission: 'purchasing.write', icon: 'alerts' },
  { id: 'notifications', route: '#/notifications', permission: 'account.self', icon: 'bell' },
  // the back office; each of its sections asks for its own permission (office/sections.js)
  { id: 'office', route: '#/office', permission: 'catalog.read', icon: 'office' },
  // imports and exports (views/import.js), for admins; each entity's own permission is checked there
  { id: 'import', route: '#/office/import', permission: 'users.admin', icon: 'outbox' },
];

/** The tile with this id. */
export function tile(id) {
  return TILES.find((candidate) => candidate.id === id) || null;
}

/** The tiles a user with these permissions may use. */
export function allowedTiles(permissions) {
  const held = new Set(permissions || []);
  return TILES.filter((candidate) => held.has(candidate.permission));
}
