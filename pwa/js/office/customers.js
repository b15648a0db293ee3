// Customers: the partners section for customers (office/partners.js).
import { partnerSection } from './partners.js';

export default partnerSection('customers');
