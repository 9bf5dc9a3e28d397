package org.touchpointcrm.console.signin;

import java.io.Serializable;

/**
 * What the signed-in key may do, as the services answered when asked at sign-in ({@link ScopeProbe}). The
 * pages offer only this: no publish button without {@code segmentsWrite}, no customer search without
 * {@code profilesRead}. The services still check every call; this only keeps the pages honest.
 */
public record Scopes(boolean segmentsRead, boolean segmentsWrite, boolean profilesRead, boolean campaignsRead,
                     boolean campaignsWrite, boolean customersRead) implements Serializable {

    /** Whether any service knows the key at all. */
    public boolean any() {
        return segmentsRead || segmentsWrite || profilesRead || campaignsRead || campaignsWrite || customersRead;
    }
}
