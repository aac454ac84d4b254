package com.podcartoes.lake.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who is running: this machine's name and this process, as run records, locks and heartbeats name them. */
public final class Hosts {
    private Hosts() {
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }

    /** e.g. "vm (pid 4242)". */
    public static String processOwner() {
        return hostName() + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
