import type { ShopSummary } from '@shared/contracts/shops.js';

/**
 * The shop's logo, or its initial when there is none we may show. The CSP allows images from our
 * own origin only; a logo hosted elsewhere would be blocked, so such shops get the monogram until
 * their logo is mirrored here.
 */
export function ShopLogo({
  shop,
  size = 'small',
}: {
  shop: Pick<ShopSummary, 'name' | 'logoUrl'>;
  size?: 'small' | 'large';
}) {
  const className = `shop-logo shop-logo--${size}`;
  const pixels = size === 'large' ? 96 : 48;
  const logoUrl = shop.logoUrl;
  if (logoUrl?.startsWith('/') && !logoUrl.startsWith('//')) {
    return <img className={className} src={logoUrl} alt="" width={pixels} height={pixels} />;
  }
  return (
    <span className={`${className} shop-logo--monogram`} aria-hidden="true">
      {shop.name.slice(0, 1).toLocaleUpperCase()}
    </span>
  );
}
