/** The app's name: the title of the home page and the suffix of every other page's title. */
export const SITE_NAME = "Gradual";
