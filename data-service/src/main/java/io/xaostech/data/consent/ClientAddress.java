package io.xaostech.data.consent;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Client addresses as consent records keep them: IPv4 to its /24, IPv6 to its /48. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String truncated(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.strip()).getAddress();
            int keep = bytes.length == 4 ? 3 : 6;
            for (int i = keep; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
