package org.touchpointcrm.console.apis;

/** The three services the console asks, each through its public API only. */
public enum Service {
    INGEST, SEGMENTATION, NOTIFIER
}
