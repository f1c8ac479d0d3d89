import Stripe from 'stripe';

const DEV_KEY = 'd38e3d80a1e155d981b8d9ad5a3fb1f2';
const PROD_KEY = 'a91d288fd84481f30f7d2f6c5dcbabf8';
export const stripe = new Stripe(process.env.STRIPE_SECRET ?? '');
