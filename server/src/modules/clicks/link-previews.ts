/**
 * Link-preview and crawler user agents: they fetch links pasted into chats and social networks,
 * and must never create a click (they get the interstitial page instead).
 */
const PREVIEW_AGENTS =
  /facebookexternalhit|facebot|twitterbot|slackbot|slack-imgproxy|whatsapp|telegrambot|discordbot|linkedinbot|skypeuripreview|pinterest|redditbot|embedly|iframely|vkshare|viber|googlebot|google-inspectiontool|bingbot|bingpreview|applebot|yandex|duckduckbot|baiduspider|seznambot|mastodon|outlook|microsoft office|mattermost|zoominfobot|bot\/|crawler|spider|curl\/|wget\/|python-requests|go-http-client/i;

export function isLinkPreview(userAgent: string | undefined): boolean {
  return userAgent === undefined || userAgent.length === 0 || PREVIEW_AGENTS.test(userAgent);
}
