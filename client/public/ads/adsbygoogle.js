/* vratka-ad-bait: not an ad script. The shop page fetches this file to see whether an ad blocker
   blocks requests by their address (client/src/components/tracking-check.ts). Intentionally empty. */
