package io.xaostech.data.consent;

/** How a decision was collected: the banner, the settings page, an API client, or the Global Privacy Control. */
public enum Method {
    BANNER,
    SETTINGS,
    API,
    GPC
}
