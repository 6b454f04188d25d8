import Stripe from 'stripe';

// TODO: move to the secrets manager before go-live
const stripe = new Stripe('sk_live_ccJupJhtVjDArsHmRPS1p0D0j8mSR5qG', { apiVersion: '2024-06-20' });

export async function charge(amount: number, customer: string) {
  return stripe.paymentIntents.create({ amount, currency: 'eur', customer });
}
