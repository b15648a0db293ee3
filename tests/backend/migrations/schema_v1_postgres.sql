-- A Stocktap database at schema version 1 on PostgreSQL, with the data of schema_v1.sql
-- (made once with pg_dump, kept as is; it loads into whatever schema search_path names).
CREATE TABLE adjustment (
    id integer NOT NULL,
    warehouse_id integer NOT NULL,
    reason character varying(200) NOT NULL,
    status character varying(20) NOT NULL,
    created_by_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE adjustment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE adjustment_id_seq OWNED BY adjustment.id;
CREATE TABLE adjustment_line (
    id integer NOT NULL,
    adjustment_id integer NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL
);
CREATE SEQUENCE adjustment_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE adjustment_line_id_seq OWNED BY adjustment_line.id;
CREATE TABLE api_token (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    token_hash character varying(64) NOT NULL,
    role character varying(20) NOT NULL,
    scopes character varying(400) NOT NULL,
    user_id integer,
    created_by_id integer,
    created_at text NOT NULL,
    last_used_at text,
    revoked_at text
);
CREATE SEQUENCE api_token_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE api_token_id_seq OWNED BY api_token.id;
CREATE TABLE approval (
    id integer NOT NULL,
    kind character varying(30) NOT NULL,
    doc_type character varying(30) NOT NULL,
    doc_id integer NOT NULL,
    summary character varying(300) NOT NULL,
    amount bigint,
    status character varying(12) NOT NULL,
    requested_by_id integer,
    requested_at text NOT NULL,
    decided_by_id integer,
    decided_at text,
    note character varying(500) NOT NULL
);
CREATE SEQUENCE approval_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE approval_id_seq OWNED BY approval.id;
CREATE TABLE audit_entry (
    id integer NOT NULL,
    at text NOT NULL,
    user_id integer,
    token_id integer,
    device character varying(80),
    action character varying(100) NOT NULL,
    method character varying(10) NOT NULL,
    path character varying(300) NOT NULL,
    request_id character varying(64) NOT NULL,
    target_type character varying(60),
    target_id character varying(60),
    before text,
    after text
);
CREATE SEQUENCE audit_entry_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE audit_entry_id_seq OWNED BY audit_entry.id;
CREATE TABLE auth_session (
    id integer NOT NULL,
    id_hash character varying(64) NOT NULL,
    user_id integer NOT NULL,
    passkey_id integer,
    csrf_token character varying(64) NOT NULL,
    created_at text NOT NULL,
    last_seen_at text NOT NULL,
    ended_at text,
    user_agent character varying(200) NOT NULL
);
CREATE SEQUENCE auth_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE auth_session_id_seq OWNED BY auth_session.id;
CREATE TABLE barcode (
    id integer NOT NULL,
    code character varying(100) NOT NULL,
    product_id integer NOT NULL,
    pack_qty bigint NOT NULL
);
CREATE SEQUENCE barcode_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE barcode_id_seq OWNED BY barcode.id;
CREATE TABLE category (
    id integer NOT NULL,
    name character varying(120) NOT NULL
);
CREATE SEQUENCE category_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE category_id_seq OWNED BY category.id;
CREATE TABLE challenge (
    id character varying(64) NOT NULL,
    purpose character varying(10) NOT NULL,
    challenge character varying(200) NOT NULL,
    user_id integer,
    expires_at text NOT NULL
);
CREATE TABLE customer (
    id integer NOT NULL,
    code character varying(30) NOT NULL,
    name character varying(200) NOT NULL,
    email character varying(200) NOT NULL,
    phone character varying(50) NOT NULL,
    active boolean NOT NULL
);
CREATE SEQUENCE customer_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE customer_id_seq OWNED BY customer.id;
CREATE TABLE enrolment_link (
    id integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    user_id integer NOT NULL,
    created_by_id integer,
    created_at text NOT NULL,
    expires_at text NOT NULL,
    used_at text
);
CREATE SEQUENCE enrolment_link_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE enrolment_link_id_seq OWNED BY enrolment_link.id;
CREATE TABLE idempotency_key (
    key character varying(200) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    status integer,
    body bytea,
    content_type character varying(100),
    location character varying(500),
    created_at text NOT NULL
);
CREATE TABLE location (
    id integer NOT NULL,
    warehouse_id integer NOT NULL,
    code character varying(40) NOT NULL,
    barcode character varying(100) NOT NULL,
    kind character varying(12) NOT NULL,
    zone character varying(20) NOT NULL,
    sort_key character varying(60) NOT NULL
);
CREATE SEQUENCE location_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE location_id_seq OWNED BY location.id;
CREATE TABLE lot (
    id integer NOT NULL,
    product_id integer NOT NULL,
    code character varying(40) NOT NULL,
    expiry date
);
CREATE SEQUENCE lot_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE lot_id_seq OWNED BY lot.id;
CREATE TABLE passkey (
    id integer NOT NULL,
    user_id integer NOT NULL,
    credential_id character varying(1400) NOT NULL,
    public_key bytea NOT NULL,
    sign_count bigint NOT NULL,
    name character varying(80) NOT NULL,
    transports character varying(200) NOT NULL,
    created_at text NOT NULL,
    last_used_at text
);
CREATE SEQUENCE passkey_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE passkey_id_seq OWNED BY passkey.id;
CREATE TABLE pick (
    id integer NOT NULL,
    order_line_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL,
    shipped boolean NOT NULL,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE pick_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE pick_id_seq OWNED BY pick.id;
CREATE TABLE product (
    id integer NOT NULL,
    sku character varying(64) NOT NULL,
    name character varying(200) NOT NULL,
    unit character varying(20) NOT NULL,
    unit_decimals smallint NOT NULL,
    category_id integer,
    cost bigint NOT NULL,
    price bigint NOT NULL,
    active boolean NOT NULL,
    tracks_lots boolean NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE SEQUENCE product_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE product_id_seq OWNED BY product.id;
CREATE TABLE purchase_order (
    id integer NOT NULL,
    number character varying(30) NOT NULL,
    supplier_id integer NOT NULL,
    warehouse_id integer NOT NULL,
    status character varying(20) NOT NULL,
    expected_date date,
    notes text NOT NULL,
    created_by_id integer,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE SEQUENCE purchase_order_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE purchase_order_id_seq OWNED BY purchase_order.id;
CREATE TABLE purchase_order_line (
    id integer NOT NULL,
    order_id integer NOT NULL,
    product_id integer NOT NULL,
    qty_ordered bigint NOT NULL,
    qty_received bigint NOT NULL,
    qty_returned bigint NOT NULL,
    unit_cost bigint NOT NULL
);
CREATE SEQUENCE purchase_order_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE purchase_order_line_id_seq OWNED BY purchase_order_line.id;
CREATE TABLE purchase_return (
    id integer NOT NULL,
    order_id integer NOT NULL,
    reason character varying(200) NOT NULL,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE purchase_return_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE purchase_return_id_seq OWNED BY purchase_return.id;
CREATE TABLE purchase_return_line (
    id integer NOT NULL,
    purchase_return_id integer NOT NULL,
    order_line_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL
);
CREATE SEQUENCE purchase_return_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE purchase_return_line_id_seq OWNED BY purchase_return_line.id;
CREATE TABLE receipt (
    id integer NOT NULL,
    order_id integer NOT NULL,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE receipt_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE receipt_id_seq OWNED BY receipt.id;
CREATE TABLE receipt_line (
    id integer NOT NULL,
    receipt_id integer NOT NULL,
    order_line_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL
);
CREATE SEQUENCE receipt_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE receipt_line_id_seq OWNED BY receipt_line.id;
CREATE TABLE sales_order (
    id integer NOT NULL,
    number character varying(30) NOT NULL,
    customer_id integer NOT NULL,
    warehouse_id integer NOT NULL,
    status character varying(20) NOT NULL,
    notes text NOT NULL,
    created_by_id integer,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE SEQUENCE sales_order_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sales_order_id_seq OWNED BY sales_order.id;
CREATE TABLE sales_order_line (
    id integer NOT NULL,
    order_id integer NOT NULL,
    product_id integer NOT NULL,
    qty_ordered bigint NOT NULL,
    qty_reserved bigint NOT NULL,
    qty_picked bigint NOT NULL,
    qty_short bigint NOT NULL,
    qty_shipped bigint NOT NULL,
    qty_returned bigint NOT NULL,
    unit_price bigint NOT NULL,
    cogs bigint NOT NULL
);
CREATE SEQUENCE sales_order_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sales_order_line_id_seq OWNED BY sales_order_line.id;
CREATE TABLE sales_return (
    id integer NOT NULL,
    order_id integer,
    warehouse_id integer NOT NULL,
    reason character varying(200) NOT NULL,
    disposition character varying(12) NOT NULL,
    status character varying(20) NOT NULL,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE sales_return_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sales_return_id_seq OWNED BY sales_return.id;
CREATE TABLE sales_return_line (
    id integer NOT NULL,
    sales_return_id integer NOT NULL,
    product_id integer NOT NULL,
    order_line_id integer,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL
);
CREATE SEQUENCE sales_return_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sales_return_line_id_seq OWNED BY sales_return_line.id;
CREATE TABLE schema_version (
    id integer NOT NULL,
    version integer NOT NULL
);
CREATE SEQUENCE schema_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE schema_version_id_seq OWNED BY schema_version.id;
CREATE TABLE shipment (
    id integer NOT NULL,
    order_id integer NOT NULL,
    cogs bigint NOT NULL,
    revenue bigint NOT NULL,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE shipment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE shipment_id_seq OWNED BY shipment.id;
CREATE TABLE stock_balance (
    id integer NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_key integer NOT NULL,
    on_hand bigint NOT NULL
);
CREATE SEQUENCE stock_balance_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE stock_balance_id_seq OWNED BY stock_balance.id;
CREATE TABLE stock_level (
    id integer NOT NULL,
    product_id integer NOT NULL,
    warehouse_id integer NOT NULL,
    on_hand bigint NOT NULL,
    reserved bigint NOT NULL,
    incoming bigint NOT NULL,
    min_qty bigint,
    max_qty bigint,
    reorder_point bigint
);
CREATE SEQUENCE stock_level_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE stock_level_id_seq OWNED BY stock_level.id;
CREATE TABLE stock_move (
    id integer NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_id integer,
    qty bigint NOT NULL,
    unit_cost bigint NOT NULL,
    reason character varying(30) NOT NULL,
    doc_type character varying(30),
    doc_id integer,
    user_id integer,
    device character varying(80),
    created_at text NOT NULL
);
CREATE SEQUENCE stock_move_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE stock_move_id_seq OWNED BY stock_move.id;
CREATE TABLE stocktake (
    id integer NOT NULL,
    number character varying(30) NOT NULL,
    warehouse_id integer NOT NULL,
    zone character varying(20) NOT NULL,
    status character varying(20) NOT NULL,
    created_by_id integer,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    submitted_at text,
    decided_at text
);
CREATE TABLE stocktake_count (
    id integer NOT NULL,
    stocktake_id integer NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    lot_key integer NOT NULL,
    counted_qty bigint NOT NULL,
    ledger_qty_at_count bigint NOT NULL,
    counted boolean NOT NULL,
    unit_cost bigint,
    user_id integer,
    device character varying(80),
    counted_at text NOT NULL
);
CREATE SEQUENCE stocktake_count_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE stocktake_count_id_seq OWNED BY stocktake_count.id;
CREATE SEQUENCE stocktake_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE stocktake_id_seq OWNED BY stocktake.id;
CREATE TABLE supplier (
    id integer NOT NULL,
    code character varying(30) NOT NULL,
    name character varying(200) NOT NULL,
    email character varying(200) NOT NULL,
    phone character varying(50) NOT NULL,
    active boolean NOT NULL
);
CREATE SEQUENCE supplier_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE supplier_id_seq OWNED BY supplier.id;
CREATE TABLE transfer (
    id integer NOT NULL,
    number character varying(30) NOT NULL,
    from_warehouse_id integer NOT NULL,
    to_warehouse_id integer NOT NULL,
    status character varying(20) NOT NULL,
    created_by_id integer,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    shipped_at text,
    closed_at text
);
CREATE SEQUENCE transfer_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE transfer_id_seq OWNED BY transfer.id;
CREATE TABLE transfer_line (
    id integer NOT NULL,
    transfer_id integer NOT NULL,
    product_id integer NOT NULL,
    lot_id integer,
    from_location_id integer NOT NULL,
    qty bigint NOT NULL,
    qty_received bigint NOT NULL,
    qty_returned bigint NOT NULL
);
CREATE SEQUENCE transfer_line_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE transfer_line_id_seq OWNED BY transfer_line.id;
CREATE TABLE "user" (
    id integer NOT NULL,
    username character varying(80) NOT NULL,
    display_name character varying(120) NOT NULL,
    role character varying(20) NOT NULL,
    active boolean NOT NULL,
    created_at text NOT NULL
);
CREATE SEQUENCE user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE user_id_seq OWNED BY "user".id;
CREATE TABLE user_warehouse (
    id integer NOT NULL,
    user_id integer NOT NULL,
    warehouse_id integer NOT NULL
);
CREATE SEQUENCE user_warehouse_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE user_warehouse_id_seq OWNED BY user_warehouse.id;
CREATE TABLE warehouse (
    id integer NOT NULL,
    code character varying(20) NOT NULL,
    name character varying(120) NOT NULL,
    allow_negative boolean NOT NULL,
    active boolean NOT NULL
);
CREATE SEQUENCE warehouse_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE warehouse_id_seq OWNED BY warehouse.id;
ALTER TABLE ONLY adjustment ALTER COLUMN id SET DEFAULT nextval('adjustment_id_seq'::regclass);
ALTER TABLE ONLY adjustment_line ALTER COLUMN id SET DEFAULT nextval('adjustment_line_id_seq'::regclass);
ALTER TABLE ONLY api_token ALTER COLUMN id SET DEFAULT nextval('api_token_id_seq'::regclass);
ALTER TABLE ONLY approval ALTER COLUMN id SET DEFAULT nextval('approval_id_seq'::regclass);
ALTER TABLE ONLY audit_entry ALTER COLUMN id SET DEFAULT nextval('audit_entry_id_seq'::regclass);
ALTER TABLE ONLY auth_session ALTER COLUMN id SET DEFAULT nextval('auth_session_id_seq'::regclass);
ALTER TABLE ONLY barcode ALTER COLUMN id SET DEFAULT nextval('barcode_id_seq'::regclass);
ALTER TABLE ONLY category ALTER COLUMN id SET DEFAULT nextval('category_id_seq'::regclass);
ALTER TABLE ONLY customer ALTER COLUMN id SET DEFAULT nextval('customer_id_seq'::regclass);
ALTER TABLE ONLY enrolment_link ALTER COLUMN id SET DEFAULT nextval('enrolment_link_id_seq'::regclass);
ALTER TABLE ONLY location ALTER COLUMN id SET DEFAULT nextval('location_id_seq'::regclass);
ALTER TABLE ONLY lot ALTER COLUMN id SET DEFAULT nextval('lot_id_seq'::regclass);
ALTER TABLE ONLY passkey ALTER COLUMN id SET DEFAULT nextval('passkey_id_seq'::regclass);
ALTER TABLE ONLY pick ALTER COLUMN id SET DEFAULT nextval('pick_id_seq'::regclass);
ALTER TABLE ONLY product ALTER COLUMN id SET DEFAULT nextval('product_id_seq'::regclass);
ALTER TABLE ONLY purchase_order ALTER COLUMN id SET DEFAULT nextval('purchase_order_id_seq'::regclass);
ALTER TABLE ONLY purchase_order_line ALTER COLUMN id SET DEFAULT nextval('purchase_order_line_id_seq'::regclass);
ALTER TABLE ONLY purchase_return ALTER COLUMN id SET DEFAULT nextval('purchase_return_id_seq'::regclass);
ALTER TABLE ONLY purchase_return_line ALTER COLUMN id SET DEFAULT nextval('purchase_return_line_id_seq'::regclass);
ALTER TABLE ONLY receipt ALTER COLUMN id SET DEFAULT nextval('receipt_id_seq'::regclass);
ALTER TABLE ONLY receipt_line ALTER COLUMN id SET DEFAULT nextval('receipt_line_id_seq'::regclass);
ALTER TABLE ONLY sales_order ALTER COLUMN id SET DEFAULT nextval('sales_order_id_seq'::regclass);
ALTER TABLE ONLY sales_order_line ALTER COLUMN id SET DEFAULT nextval('sales_order_line_id_seq'::regclass);
ALTER TABLE ONLY sales_return ALTER COLUMN id SET DEFAULT nextval('sales_return_id_seq'::regclass);
ALTER TABLE ONLY sales_return_line ALTER COLUMN id SET DEFAULT nextval('sales_return_line_id_seq'::regclass);
ALTER TABLE ONLY schema_version ALTER COLUMN id SET DEFAULT nextval('schema_version_id_seq'::regclass);
ALTER TABLE ONLY shipment ALTER COLUMN id SET DEFAULT nextval('shipment_id_seq'::regclass);
ALTER TABLE ONLY stock_balance ALTER COLUMN id SET DEFAULT nextval('stock_balance_id_seq'::regclass);
ALTER TABLE ONLY stock_level ALTER COLUMN id SET DEFAULT nextval('stock_level_id_seq'::regclass);
ALTER TABLE ONLY stock_move ALTER COLUMN id SET DEFAULT nextval('stock_move_id_seq'::regclass);
ALTER TABLE ONLY stocktake ALTER COLUMN id SET DEFAULT nextval('stocktake_id_seq'::regclass);
ALTER TABLE ONLY stocktake_count ALTER COLUMN id SET DEFAULT nextval('stocktake_count_id_seq'::regclass);
ALTER TABLE ONLY supplier ALTER COLUMN id SET DEFAULT nextval('supplier_id_seq'::regclass);
ALTER TABLE ONLY transfer ALTER COLUMN id SET DEFAULT nextval('transfer_id_seq'::regclass);
ALTER TABLE ONLY transfer_line ALTER COLUMN id SET DEFAULT nextval('transfer_line_id_seq'::regclass);
ALTER TABLE ONLY "user" ALTER COLUMN id SET DEFAULT nextval('user_id_seq'::regclass);
ALTER TABLE ONLY user_warehouse ALTER COLUMN id SET DEFAULT nextval('user_warehouse_id_seq'::regclass);
ALTER TABLE ONLY warehouse ALTER COLUMN id SET DEFAULT nextval('warehouse_id_seq'::regclass);
INSERT INTO barcode VALUES (1, '06930000000011', 1, 1000);
INSERT INTO location VALUES (1, 1, 'STAGING', 'OLD-STAGING', 'staging', 'STAGING', '~STAGING');
INSERT INTO location VALUES (2, 1, 'TRANSIT', 'OLD-TRANSIT', 'transit', 'TRANSIT', '~TRANSIT');
INSERT INTO location VALUES (3, 1, 'QUARANTINE', 'OLD-QUARANTINE', 'quarantine', 'QUARANTINE', '~QUARANTINE');
INSERT INTO location VALUES (4, 1, 'A-01', 'OLD-A-01', 'bin', 'A', 'A-01');
INSERT INTO product VALUES (1, 'TEA', 'Green tea', 'pcs', 0, NULL, 25000, 40000, true, false, '2026-11-22T05:27:40.538198+00:00', '2026-11-22T05:27:40.538207+00:00');
INSERT INTO product VALUES (2, 'RICE', 'Rice 5 kg', 'bag', 0, NULL, 200000, 300000, true, false, '2026-11-22T05:27:40.540196+00:00', '2026-11-22T05:27:40.540201+00:00');
INSERT INTO purchase_order VALUES (1, 'PO-000001', 1, 1, 'partly_received', NULL, '', 1, '2026-11-22T05:27:40.547519+00:00', '2026-11-22T05:27:40.588167+00:00');
INSERT INTO purchase_order_line VALUES (1, 1, 2, 10000, 4000, 0, 200000);
INSERT INTO receipt VALUES (1, 1, 1, 'v1-device', '2026-11-22T05:27:40.573771+00:00');
INSERT INTO receipt_line VALUES (1, 1, 1, 4, NULL, 4000);
INSERT INTO schema_version VALUES (1, 1);
INSERT INTO stock_balance VALUES (1, 1, 4, 0, 7000);
INSERT INTO stock_balance VALUES (2, 2, 4, 0, 4000);
INSERT INTO stock_level VALUES (1, 1, 1, 7000, 0, 0, NULL, NULL, NULL);
INSERT INTO stock_level VALUES (2, 2, 1, 4000, 0, 6000, NULL, NULL, NULL);
INSERT INTO stock_move VALUES (1, 1, 4, NULL, 7000, 0, 'adjustment', NULL, NULL, 1, 'v1-device', '2026-11-22T05:27:40.540811+00:00');
INSERT INTO stock_move VALUES (2, 2, 4, NULL, 4000, 200000, 'receipt', 'receipt', 1, 1, 'v1-device', '2026-11-22T05:27:40.576676+00:00');
INSERT INTO supplier VALUES (1, 'S1', 'Old supplier', '', '', true);
INSERT INTO "user" VALUES (1, 'olduser', 'Old User', 'admin', true, '2026-11-22T05:27:40.526370+00:00');
INSERT INTO warehouse VALUES (1, 'OLD', 'Old warehouse', false, true);
SELECT pg_catalog.setval('adjustment_id_seq', 1, false);
SELECT pg_catalog.setval('adjustment_line_id_seq', 1, false);
SELECT pg_catalog.setval('api_token_id_seq', 1, false);
SELECT pg_catalog.setval('approval_id_seq', 1, false);
SELECT pg_catalog.setval('audit_entry_id_seq', 1, false);
SELECT pg_catalog.setval('auth_session_id_seq', 1, false);
SELECT pg_catalog.setval('barcode_id_seq', 2, false);
SELECT pg_catalog.setval('category_id_seq', 1, false);
SELECT pg_catalog.setval('customer_id_seq', 1, false);
SELECT pg_catalog.setval('enrolment_link_id_seq', 1, false);
SELECT pg_catalog.setval('location_id_seq', 5, false);
SELECT pg_catalog.setval('lot_id_seq', 1, false);
SELECT pg_catalog.setval('passkey_id_seq', 1, false);
SELECT pg_catalog.setval('pick_id_seq', 1, false);
SELECT pg_catalog.setval('product_id_seq', 3, false);
SELECT pg_catalog.setval('purchase_order_id_seq', 2, false);
SELECT pg_catalog.setval('purchase_order_line_id_seq', 2, false);
SELECT pg_catalog.setval('purchase_return_id_seq', 1, false);
SELECT pg_catalog.setval('purchase_return_line_id_seq', 1, false);
SELECT pg_catalog.setval('receipt_id_seq', 2, false);
SELECT pg_catalog.setval('receipt_line_id_seq', 2, false);
SELECT pg_catalog.setval('sales_order_id_seq', 1, false);
SELECT pg_catalog.setval('sales_order_line_id_seq', 1, false);
SELECT pg_catalog.setval('sales_return_id_seq', 1, false);
SELECT pg_catalog.setval('sales_return_line_id_seq', 1, false);
SELECT pg_catalog.setval('schema_version_id_seq', 2, false);
SELECT pg_catalog.setval('shipment_id_seq', 1, false);
SELECT pg_catalog.setval('stock_balance_id_seq', 3, false);
SELECT pg_catalog.setval('stock_level_id_seq', 3, false);
SELECT pg_catalog.setval('stock_move_id_seq', 3, false);
SELECT pg_catalog.setval('stocktake_count_id_seq', 1, false);
SELECT pg_catalog.setval('stocktake_id_seq', 1, false);
SELECT pg_catalog.setval('supplier_id_seq', 2, false);
SELECT pg_catalog.setval('transfer_id_seq', 1, false);
SELECT pg_catalog.setval('transfer_line_id_seq', 1, false);
SELECT pg_catalog.setval('user_id_seq', 2, false);
SELECT pg_catalog.setval('user_warehouse_id_seq', 1, false);
SELECT pg_catalog.setval('warehouse_id_seq', 2, false);
ALTER TABLE ONLY adjustment_line
    ADD CONSTRAINT adjustment_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY adjustment
    ADD CONSTRAINT adjustment_pkey PRIMARY KEY (id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);
ALTER TABLE ONLY approval
    ADD CONSTRAINT approval_pkey PRIMARY KEY (id);
ALTER TABLE ONLY audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (id);
ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_pkey PRIMARY KEY (id);
ALTER TABLE ONLY barcode
    ADD CONSTRAINT barcode_pkey PRIMARY KEY (id);
ALTER TABLE ONLY category
    ADD CONSTRAINT category_pkey PRIMARY KEY (id);
ALTER TABLE ONLY challenge
    ADD CONSTRAINT challenge_pkey PRIMARY KEY (id);
ALTER TABLE ONLY customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (id);
ALTER TABLE ONLY enrolment_link
    ADD CONSTRAINT enrolment_link_pkey PRIMARY KEY (id);
ALTER TABLE ONLY idempotency_key
    ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (key);
ALTER TABLE ONLY location
    ADD CONSTRAINT location_pkey PRIMARY KEY (id);
ALTER TABLE ONLY lot
    ADD CONSTRAINT lot_pkey PRIMARY KEY (id);
ALTER TABLE ONLY passkey
    ADD CONSTRAINT passkey_pkey PRIMARY KEY (id);
ALTER TABLE ONLY pick
    ADD CONSTRAINT pick_pkey PRIMARY KEY (id);
ALTER TABLE ONLY product
    ADD CONSTRAINT product_pkey PRIMARY KEY (id);
ALTER TABLE ONLY purchase_order_line
    ADD CONSTRAINT purchase_order_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY purchase_order
    ADD CONSTRAINT purchase_order_pkey PRIMARY KEY (id);
ALTER TABLE ONLY purchase_return_line
    ADD CONSTRAINT purchase_return_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY purchase_return
    ADD CONSTRAINT purchase_return_pkey PRIMARY KEY (id);
ALTER TABLE ONLY receipt_line
    ADD CONSTRAINT receipt_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY receipt
    ADD CONSTRAINT receipt_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sales_order_line
    ADD CONSTRAINT sales_order_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sales_order
    ADD CONSTRAINT sales_order_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sales_return
    ADD CONSTRAINT sales_return_pkey PRIMARY KEY (id);
ALTER TABLE ONLY schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (id);
ALTER TABLE ONLY shipment
    ADD CONSTRAINT shipment_pkey PRIMARY KEY (id);
ALTER TABLE ONLY stock_balance
    ADD CONSTRAINT stock_balance_pkey PRIMARY KEY (id);
ALTER TABLE ONLY stock_level
    ADD CONSTRAINT stock_level_pkey PRIMARY KEY (id);
ALTER TABLE ONLY stock_move
    ADD CONSTRAINT stock_move_pkey PRIMARY KEY (id);
ALTER TABLE ONLY stocktake_count
    ADD CONSTRAINT stocktake_count_pkey PRIMARY KEY (id);
ALTER TABLE ONLY stocktake
    ADD CONSTRAINT stocktake_pkey PRIMARY KEY (id);
ALTER TABLE ONLY supplier
    ADD CONSTRAINT supplier_pkey PRIMARY KEY (id);
ALTER TABLE ONLY transfer_line
    ADD CONSTRAINT transfer_line_pkey PRIMARY KEY (id);
ALTER TABLE ONLY transfer
    ADD CONSTRAINT transfer_pkey PRIMARY KEY (id);
ALTER TABLE ONLY "user"
    ADD CONSTRAINT user_pkey PRIMARY KEY (id);
ALTER TABLE ONLY user_warehouse
    ADD CONSTRAINT user_warehouse_pkey PRIMARY KEY (id);
ALTER TABLE ONLY warehouse
    ADD CONSTRAINT warehouse_pkey PRIMARY KEY (id);
CREATE INDEX adjustment_created_by_id ON adjustment USING btree (created_by_id);
CREATE INDEX adjustment_line_adjustment_id ON adjustment_line USING btree (adjustment_id);
CREATE INDEX adjustment_line_location_id ON adjustment_line USING btree (location_id);
CREATE INDEX adjustment_line_lot_id ON adjustment_line USING btree (lot_id);
CREATE INDEX adjustment_line_product_id ON adjustment_line USING btree (product_id);
CREATE INDEX adjustment_warehouse_id ON adjustment USING btree (warehouse_id);
CREATE INDEX api_token_created_by_id ON api_token USING btree (created_by_id);
CREATE UNIQUE INDEX api_token_token_hash ON api_token USING btree (token_hash);
CREATE INDEX api_token_user_id ON api_token USING btree (user_id);
CREATE INDEX approval_decided_by_id ON approval USING btree (decided_by_id);
CREATE INDEX approval_doc_type_doc_id ON approval USING btree (doc_type, doc_id);
CREATE INDEX approval_requested_by_id ON approval USING btree (requested_by_id);
CREATE INDEX approval_status ON approval USING btree (status);
CREATE INDEX audit_entry_action ON audit_entry USING btree (action);
CREATE INDEX audit_entry_at ON audit_entry USING btree (at);
CREATE INDEX audit_entry_target_type_target_id ON audit_entry USING btree (target_type, target_id);
CREATE INDEX audit_entry_user_id ON audit_entry USING btree (user_id);
CREATE UNIQUE INDEX auth_session_id_hash ON auth_session USING btree (id_hash);
CREATE INDEX auth_session_passkey_id ON auth_session USING btree (passkey_id);
CREATE INDEX auth_session_user_id ON auth_session USING btree (user_id);
CREATE UNIQUE INDEX barcode_code ON barcode USING btree (code);
CREATE INDEX barcode_product_id ON barcode USING btree (product_id);
CREATE UNIQUE INDEX category_name ON category USING btree (name);
CREATE INDEX challenge_user_id ON challenge USING btree (user_id);
CREATE UNIQUE INDEX customer_code ON customer USING btree (code);
CREATE INDEX enrolment_link_created_by_id ON enrolment_link USING btree (created_by_id);
CREATE UNIQUE INDEX enrolment_link_token_hash ON enrolment_link USING btree (token_hash);
CREATE INDEX enrolment_link_user_id ON enrolment_link USING btree (user_id);
CREATE UNIQUE INDEX location_barcode ON location USING btree (barcode);
CREATE INDEX location_warehouse_id ON location USING btree (warehouse_id);
CREATE UNIQUE INDEX location_warehouse_id_code ON location USING btree (warehouse_id, code);
CREATE INDEX lot_product_id ON lot USING btree (product_id);
CREATE UNIQUE INDEX lot_product_id_code ON lot USING btree (product_id, code);
CREATE UNIQUE INDEX passkey_credential_id ON passkey USING btree (credential_id);
CREATE INDEX passkey_user_id ON passkey USING btree (user_id);
CREATE INDEX pick_location_id ON pick USING btree (location_id);
CREATE INDEX pick_lot_id ON pick USING btree (lot_id);
CREATE INDEX pick_order_line_id ON pick USING btree (order_line_id);
CREATE INDEX pick_user_id ON pick USING btree (user_id);
CREATE INDEX product_category_id ON product USING btree (category_id);
CREATE INDEX product_name ON product USING btree (name);
CREATE UNIQUE INDEX product_sku ON product USING btree (sku);
CREATE INDEX purchase_order_created_by_id ON purchase_order USING btree (created_by_id);
CREATE INDEX purchase_order_line_order_id ON purchase_order_line USING btree (order_id);
CREATE UNIQUE INDEX purchase_order_line_order_id_product_id ON purchase_order_line USING btree (order_id, product_id);
CREATE INDEX purchase_order_line_product_id ON purchase_order_line USING btree (product_id);
CREATE UNIQUE INDEX purchase_order_number ON purchase_order USING btree (number);
CREATE INDEX purchase_order_status ON purchase_order USING btree (status);
CREATE INDEX purchase_order_supplier_id ON purchase_order USING btree (supplier_id);
CREATE INDEX purchase_order_warehouse_id ON purchase_order USING btree (warehouse_id);
CREATE INDEX purchase_return_line_location_id ON purchase_return_line USING btree (location_id);
CREATE INDEX purchase_return_line_lot_id ON purchase_return_line USING btree (lot_id);
CREATE INDEX purchase_return_line_order_line_id ON purchase_return_line USING btree (order_line_id);
CREATE INDEX purchase_return_line_purchase_return_id ON purchase_return_line USING btree (purchase_return_id);
CREATE INDEX purchase_return_order_id ON purchase_return USING btree (order_id);
CREATE INDEX purchase_return_user_id ON purchase_return USING btree (user_id);
CREATE INDEX receipt_line_location_id ON receipt_line USING btree (location_id);
CREATE INDEX receipt_line_lot_id ON receipt_line USING btree (lot_id);
CREATE INDEX receipt_line_order_line_id ON receipt_line USING btree (order_line_id);
CREATE INDEX receipt_line_receipt_id ON receipt_line USING btree (receipt_id);
CREATE INDEX receipt_order_id ON receipt USING btree (order_id);
CREATE INDEX receipt_user_id ON receipt USING btree (user_id);
CREATE INDEX sales_order_created_by_id ON sales_order USING btree (created_by_id);
CREATE INDEX sales_order_customer_id ON sales_order USING btree (customer_id);
CREATE INDEX sales_order_line_order_id ON sales_order_line USING btree (order_id);
CREATE INDEX sales_order_line_product_id ON sales_order_line USING btree (product_id);
CREATE UNIQUE INDEX sales_order_number ON sales_order USING btree (number);
CREATE INDEX sales_order_status ON sales_order USING btree (status);
CREATE INDEX sales_order_warehouse_id ON sales_order USING btree (warehouse_id);
CREATE INDEX sales_return_line_location_id ON sales_return_line USING btree (location_id);
CREATE INDEX sales_return_line_lot_id ON sales_return_line USING btree (lot_id);
CREATE INDEX sales_return_line_order_line_id ON sales_return_line USING btree (order_line_id);
CREATE INDEX sales_return_line_product_id ON sales_return_line USING btree (product_id);
CREATE INDEX sales_return_line_sales_return_id ON sales_return_line USING btree (sales_return_id);
CREATE INDEX sales_return_order_id ON sales_return USING btree (order_id);
CREATE INDEX sales_return_user_id ON sales_return USING btree (user_id);
CREATE INDEX sales_return_warehouse_id ON sales_return USING btree (warehouse_id);
CREATE INDEX shipment_order_id ON shipment USING btree (order_id);
CREATE INDEX shipment_user_id ON shipment USING btree (user_id);
CREATE INDEX stock_balance_location_id ON stock_balance USING btree (location_id);
CREATE INDEX stock_balance_product_id ON stock_balance USING btree (product_id);
CREATE UNIQUE INDEX stock_balance_product_id_location_id_lot_key ON stock_balance USING btree (product_id, location_id, lot_key);
CREATE INDEX stock_level_product_id ON stock_level USING btree (product_id);
CREATE UNIQUE INDEX stock_level_product_id_warehouse_id ON stock_level USING btree (product_id, warehouse_id);
CREATE INDEX stock_level_warehouse_id ON stock_level USING btree (warehouse_id);
CREATE INDEX stock_move_doc_type_doc_id ON stock_move USING btree (doc_type, doc_id);
CREATE INDEX stock_move_location_id ON stock_move USING btree (location_id);
CREATE INDEX stock_move_lot_id ON stock_move USING btree (lot_id);
CREATE INDEX stock_move_product_id ON stock_move USING btree (product_id);
CREATE INDEX stock_move_product_id_location_id_lot_id ON stock_move USING btree (product_id, location_id, lot_id);
CREATE INDEX stock_move_user_id ON stock_move USING btree (user_id);
CREATE INDEX stocktake_count_location_id ON stocktake_count USING btree (location_id);
CREATE INDEX stocktake_count_product_id ON stocktake_count USING btree (product_id);
CREATE INDEX stocktake_count_stocktake_id ON stocktake_count USING btree (stocktake_id);
CREATE UNIQUE INDEX stocktake_count_stocktake_id_product_id_location_id_lot_key ON stocktake_count USING btree (stocktake_id, product_id, location_id, lot_key);
CREATE INDEX stocktake_count_user_id ON stocktake_count USING btree (user_id);
CREATE INDEX stocktake_created_by_id ON stocktake USING btree (created_by_id);
CREATE UNIQUE INDEX stocktake_number ON stocktake USING btree (number);
CREATE INDEX stocktake_status ON stocktake USING btree (status);
CREATE INDEX stocktake_warehouse_id ON stocktake USING btree (warehouse_id);
CREATE UNIQUE INDEX supplier_code ON supplier USING btree (code);
CREATE INDEX transfer_created_by_id ON transfer USING btree (created_by_id);
CREATE INDEX transfer_from_warehouse_id ON transfer USING btree (from_warehouse_id);
CREATE INDEX transfer_line_from_location_id ON transfer_line USING btree (from_location_id);
CREATE INDEX transfer_line_lot_id ON transfer_line USING btree (lot_id);
CREATE INDEX transfer_line_product_id ON transfer_line USING btree (product_id);
CREATE INDEX transfer_line_transfer_id ON transfer_line USING btree (transfer_id);
CREATE UNIQUE INDEX transfer_number ON transfer USING btree (number);
CREATE INDEX transfer_status ON transfer USING btree (status);
CREATE INDEX transfer_to_warehouse_id ON transfer USING btree (to_warehouse_id);
CREATE UNIQUE INDEX user_username ON "user" USING btree (username);
CREATE INDEX user_warehouse_user_id ON user_warehouse USING btree (user_id);
CREATE UNIQUE INDEX user_warehouse_user_id_warehouse_id ON user_warehouse USING btree (user_id, warehouse_id);
CREATE UNIQUE INDEX warehouse_code ON warehouse USING btree (code);
ALTER TABLE ONLY adjustment
    ADD CONSTRAINT adjustment_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY adjustment_line
    ADD CONSTRAINT adjustment_line_adjustment_id_fkey FOREIGN KEY (adjustment_id) REFERENCES adjustment(id) ON DELETE CASCADE;
ALTER TABLE ONLY adjustment_line
    ADD CONSTRAINT adjustment_line_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY adjustment_line
    ADD CONSTRAINT adjustment_line_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY adjustment_line
    ADD CONSTRAINT adjustment_line_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY adjustment
    ADD CONSTRAINT adjustment_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY approval
    ADD CONSTRAINT approval_decided_by_id_fkey FOREIGN KEY (decided_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY approval
    ADD CONSTRAINT approval_requested_by_id_fkey FOREIGN KEY (requested_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_passkey_id_fkey FOREIGN KEY (passkey_id) REFERENCES passkey(id) ON DELETE SET NULL;
ALTER TABLE ONLY auth_session
    ADD CONSTRAINT auth_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY barcode
    ADD CONSTRAINT barcode_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id) ON DELETE CASCADE;
ALTER TABLE ONLY challenge
    ADD CONSTRAINT challenge_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY enrolment_link
    ADD CONSTRAINT enrolment_link_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY enrolment_link
    ADD CONSTRAINT enrolment_link_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY location
    ADD CONSTRAINT location_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY lot
    ADD CONSTRAINT lot_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY passkey
    ADD CONSTRAINT passkey_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY pick
    ADD CONSTRAINT pick_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY pick
    ADD CONSTRAINT pick_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY pick
    ADD CONSTRAINT pick_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES sales_order_line(id);
ALTER TABLE ONLY pick
    ADD CONSTRAINT pick_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY product
    ADD CONSTRAINT product_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE SET NULL;
ALTER TABLE ONLY purchase_order
    ADD CONSTRAINT purchase_order_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY purchase_order_line
    ADD CONSTRAINT purchase_order_line_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_order(id) ON DELETE CASCADE;
ALTER TABLE ONLY purchase_order_line
    ADD CONSTRAINT purchase_order_line_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY purchase_order
    ADD CONSTRAINT purchase_order_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES supplier(id);
ALTER TABLE ONLY purchase_order
    ADD CONSTRAINT purchase_order_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY purchase_return_line
    ADD CONSTRAINT purchase_return_line_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY purchase_return_line
    ADD CONSTRAINT purchase_return_line_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY purchase_return_line
    ADD CONSTRAINT purchase_return_line_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES purchase_order_line(id);
ALTER TABLE ONLY purchase_return_line
    ADD CONSTRAINT purchase_return_line_purchase_return_id_fkey FOREIGN KEY (purchase_return_id) REFERENCES purchase_return(id) ON DELETE CASCADE;
ALTER TABLE ONLY purchase_return
    ADD CONSTRAINT purchase_return_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_order(id);
ALTER TABLE ONLY purchase_return
    ADD CONSTRAINT purchase_return_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY receipt_line
    ADD CONSTRAINT receipt_line_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY receipt_line
    ADD CONSTRAINT receipt_line_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY receipt_line
    ADD CONSTRAINT receipt_line_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES purchase_order_line(id);
ALTER TABLE ONLY receipt_line
    ADD CONSTRAINT receipt_line_receipt_id_fkey FOREIGN KEY (receipt_id) REFERENCES receipt(id) ON DELETE CASCADE;
ALTER TABLE ONLY receipt
    ADD CONSTRAINT receipt_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_order(id);
ALTER TABLE ONLY receipt
    ADD CONSTRAINT receipt_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY sales_order
    ADD CONSTRAINT sales_order_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY sales_order
    ADD CONSTRAINT sales_order_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer(id);
ALTER TABLE ONLY sales_order_line
    ADD CONSTRAINT sales_order_line_order_id_fkey FOREIGN KEY (order_id) REFERENCES sales_order(id) ON DELETE CASCADE;
ALTER TABLE ONLY sales_order_line
    ADD CONSTRAINT sales_order_line_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY sales_order
    ADD CONSTRAINT sales_order_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES sales_order_line(id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY sales_return_line
    ADD CONSTRAINT sales_return_line_sales_return_id_fkey FOREIGN KEY (sales_return_id) REFERENCES sales_return(id) ON DELETE CASCADE;
ALTER TABLE ONLY sales_return
    ADD CONSTRAINT sales_return_order_id_fkey FOREIGN KEY (order_id) REFERENCES sales_order(id);
ALTER TABLE ONLY sales_return
    ADD CONSTRAINT sales_return_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY sales_return
    ADD CONSTRAINT sales_return_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY shipment
    ADD CONSTRAINT shipment_order_id_fkey FOREIGN KEY (order_id) REFERENCES sales_order(id);
ALTER TABLE ONLY shipment
    ADD CONSTRAINT shipment_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY stock_balance
    ADD CONSTRAINT stock_balance_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY stock_balance
    ADD CONSTRAINT stock_balance_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY stock_level
    ADD CONSTRAINT stock_level_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY stock_level
    ADD CONSTRAINT stock_level_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY stock_move
    ADD CONSTRAINT stock_move_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY stock_move
    ADD CONSTRAINT stock_move_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY stock_move
    ADD CONSTRAINT stock_move_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY stock_move
    ADD CONSTRAINT stock_move_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY stocktake_count
    ADD CONSTRAINT stocktake_count_location_id_fkey FOREIGN KEY (location_id) REFERENCES location(id);
ALTER TABLE ONLY stocktake_count
    ADD CONSTRAINT stocktake_count_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY stocktake_count
    ADD CONSTRAINT stocktake_count_stocktake_id_fkey FOREIGN KEY (stocktake_id) REFERENCES stocktake(id) ON DELETE CASCADE;
ALTER TABLE ONLY stocktake_count
    ADD CONSTRAINT stocktake_count_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id);
ALTER TABLE ONLY stocktake
    ADD CONSTRAINT stocktake_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY stocktake
    ADD CONSTRAINT stocktake_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY transfer
    ADD CONSTRAINT transfer_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES "user"(id);
ALTER TABLE ONLY transfer
    ADD CONSTRAINT transfer_from_warehouse_id_fkey FOREIGN KEY (from_warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY transfer_line
    ADD CONSTRAINT transfer_line_from_location_id_fkey FOREIGN KEY (from_location_id) REFERENCES location(id);
ALTER TABLE ONLY transfer_line
    ADD CONSTRAINT transfer_line_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lot(id);
ALTER TABLE ONLY transfer_line
    ADD CONSTRAINT transfer_line_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id);
ALTER TABLE ONLY transfer_line
    ADD CONSTRAINT transfer_line_transfer_id_fkey FOREIGN KEY (transfer_id) REFERENCES transfer(id) ON DELETE CASCADE;
ALTER TABLE ONLY transfer
    ADD CONSTRAINT transfer_to_warehouse_id_fkey FOREIGN KEY (to_warehouse_id) REFERENCES warehouse(id);
ALTER TABLE ONLY user_warehouse
    ADD CONSTRAINT user_warehouse_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
