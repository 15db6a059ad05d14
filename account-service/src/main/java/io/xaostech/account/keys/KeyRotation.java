package io.xaostech.account.keys;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes sure a signing key exists before the server takes requests, then keeps rotating and reloading (other
 * instances may have created the next key).
 */
@Component
class KeyRotation implements SmartInitializingSingleton {

    private final SigningKeys keys;

    KeyRotation(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void afterSingletonsInstantiated() {
        keys.rotate();
    }

    @Scheduled(fixedDelayString = "${xaos.account.keys.check-interval:10m}", initialDelayString = "${xaos.account.keys.check-interval:10m}")
    void rotateOnSchedule() {
        keys.rotate();
    }
}
