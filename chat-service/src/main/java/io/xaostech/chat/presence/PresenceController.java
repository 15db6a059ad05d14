package io.xaostech.chat.presence;

import io.xaostech.chat.room.Member;
import io.xaostech.chat.room.RoomService;
import io.xaostech.platform.security.BearerTokens;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Which members of a room are online. */
@RestController
class PresenceController {

    /** Members looked at, at most (the first by joining time). */
    static final int MAX_MEMBERS = 500;

    private final RoomService rooms;
    private final Presence presence;

    PresenceController(RoomService rooms, Presence presence) {
        this.rooms = rooms;
        this.presence = presence;
    }

    record Online(boolean enabled, Set<UUID> online) {
    }

    @GetMapping("/api/v1/chat/rooms/{id}/presence")
    Online online(@PathVariable UUID id, @AuthenticationPrincipal Jwt user) {
        List<UUID> members = rooms.members(id, BearerTokens.userId(user), MAX_MEMBERS).stream().map(Member::userId).toList();
        return new Online(presence.enabled(), presence.online(members));
    }
}
