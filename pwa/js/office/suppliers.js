// Suppliers: the partners section for suppliers (office/partners.js).
import { partnerSection } from './partners.js';

export default partnerSection('suppliers');
