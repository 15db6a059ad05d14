package io.xaostech.data.receipt;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify consent receipts (anyone may check a receipt). */
@RestController
class ReceiptController {

    private final ReceiptSigner signer;

    ReceiptController(ReceiptSigner signer) {
        this.signer = signer;
    }

    @GetMapping("/api/v1/data/receipts/jwks")
    Map<String, Object> keys() {
        return signer.publicKeys();
    }
}
