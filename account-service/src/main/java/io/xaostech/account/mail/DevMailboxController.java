package io.xaostech.account.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the development mailbox; service tokens only, like every {@code /internal/**} endpoint. */
@RestController
@ConditionalOnProperty(name = MailConfig.MODE, havingValue = "dev", matchIfMissing = true)
class DevMailboxController {

    private final DevMailbox mailbox;

    DevMailboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/internal/dev/mailbox")
    List<Mail> inbox(@RequestParam @NotBlank @Email String to) {
        return mailbox.inbox(to);
    }
}
