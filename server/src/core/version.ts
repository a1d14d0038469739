/** The product's name and version (package.json's; a test keeps them equal). */
export const PRODUCT_NAME = 'AWS Responsibility Lens';
export const VERSION = '0.1.0';
/** Where the product is described (the Marketplace listing). */
export const INFORMATION_URI = 'https://marketplace.visualstudio.com/items?itemName=aws-responsibility-lens.aws-responsibility-lens';
