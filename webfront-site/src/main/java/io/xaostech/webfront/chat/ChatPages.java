package io.xaostech.webfront.chat;

import io.xaostech.webfront.config.Pages;
import io.xaostech.platform.site.ErrorPages;
import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.signin.AccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /chat}: the visitor's rooms and the public ones, a form to open a room; {@code /chat/rooms/{id}}: the
 * newest messages and a form to send (a plain post without JavaScript; with it, chat-room.js sends and receives
 * live over {@code /chat/live}). Signed-in visitors only.
 */
@Controller
class ChatPages {

    static final int MAX_NAME = 100;
    static final int MAX_TOPIC = 500;
    static final int MAX_MESSAGE = 20_000;
    private static final int HISTORY = 50;

    private final ChatClient chat;
    private final AccessTokens tokens;

    ChatPages(ChatClient chat, AccessTokens tokens) {
        this.chat = chat;
        this.tokens = tokens;
    }

    @GetMapping("/chat")
    ModelAndView rooms(Authentication visitor, HttpServletRequest request, HttpServletResponse response) {
        return tokens.page(visitor, request, response, token -> roomsPage(token, Map.of()));
    }

    @PostMapping("/chat/rooms")
    ModelAndView create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String topic,
                        @RequestParam(defaultValue = "PUBLIC") String kind, Authentication visitor,
                        HttpServletRequest request, HttpServletResponse response) {
        String roomName = name.strip();
        String roomTopic = topic.strip();
        return tokens.page(visitor, request, response, token -> {
            if (roomName.isEmpty() || roomName.length() > MAX_NAME || roomTopic.length() > MAX_TOPIC
                    || !Set.of("PUBLIC", "PRIVATE").contains(kind)) {
                return Pages.withStatus(roomsPage(token, Map.of("formError", "Give the room a name of 1 to " + MAX_NAME
                        + " characters and a topic of at most " + MAX_TOPIC + ".", "draftName", name, "draftTopic", topic)),
                        HttpStatus.BAD_REQUEST);
            }
            try {
                ChatClient.Room room = chat.create(token, "PUBLIC".equals(kind), roomName, roomTopic);
                return new ModelAndView("redirect:/chat/rooms/" + room.id());
            } catch (BackendClients.Failure e) {
                return Pages.withStatus(roomsPage(token, Map.of("formError", e.getMessage(), "draftName", name, "draftTopic", topic)),
                        e.pageStatus());
            }
        });
    }

    @GetMapping("/chat/rooms/{id}")
    ModelAndView room(@PathVariable String id, Authentication visitor, HttpServletRequest request,
                      HttpServletResponse response) {
        return withRoom(id, visitor, request, response, (token, room) -> roomPage(token, room, visitor, Map.of()));
    }

    @PostMapping("/chat/rooms/{id}/join")
    ModelAndView join(@PathVariable String id, Authentication visitor, HttpServletRequest request,
                      HttpServletResponse response) {
        return withRoom(id, visitor, request, response, (token, room) -> {
            chat.join(token, room);
            return new ModelAndView("redirect:/chat/rooms/" + room);
        });
    }

    @PostMapping("/chat/rooms/{id}/messages")
    ModelAndView send(@PathVariable String id, @RequestParam(defaultValue = "") String body,
                      @RequestParam(defaultValue = "") String requestKey, Authentication visitor,
                      HttpServletRequest request, HttpServletResponse response) {
        return withRoom(id, visitor, request, response, (token, room) -> {
            if (body.isBlank() || body.length() > MAX_MESSAGE || !Pages.REQUEST_KEY.matcher(requestKey).matches()) {
                return Pages.withStatus(roomPage(token, room, visitor, Map.of("sendError", "Write a message of 1 to "
                        + MAX_MESSAGE + " characters.", "draft", body)), HttpStatus.BAD_REQUEST);
            }
            try {
                chat.send(token, room, requestKey, body);
            } catch (BackendClients.Failure e) {
                if (e.status() == 404) {
                    throw e;
                }
                // The same request key is kept: sending again stores the message once.
                return Pages.withStatus(roomPage(token, room, visitor, Map.of("sendError", e.getMessage(), "draft", body,
                        "requestKey", requestKey)), e.pageStatus());
            }
            return new ModelAndView("redirect:/chat/rooms/" + room + "#composer");
        });
    }

    private ModelAndView roomsPage(String token, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("maxName", MAX_NAME);
        model.put("maxTopic", MAX_TOPIC);
        try {
            List<ChatClient.Room> mine = chat.rooms(token, false).items();
            Set<UUID> joined = mine.stream().map(ChatClient.Room::id).collect(Collectors.toSet());
            model.put("mine", mine);
            model.put("open", chat.rooms(token, true).items().stream().filter(r -> !joined.contains(r.id())).toList());
        } catch (BackendClients.Failure e) {
            model.putIfAbsent("failure", e.getMessage());
            return Pages.withStatus(new ModelAndView("chat", model), e.pageStatus());
        }
        return new ModelAndView("chat", model);
    }

    private ModelAndView roomPage(String token, UUID id, Authentication visitor, Map<String, Object> extra) {
        ChatClient.Room room = chat.room(token, id);
        Map<String, Object> model = new HashMap<>(extra);
        model.put("room", room);
        model.put("me", UUID.fromString(visitor.getName()));
        model.putIfAbsent("requestKey", UUID.randomUUID().toString());
        model.put("maxMessage", MAX_MESSAGE);
        try {
            // The room (and its newest event number) is read before its messages: the live connection resumes
            // after that number, so what is sent meanwhile still arrives (the script skips what the page shows).
            model.put("messages", chat.newest(token, id, HISTORY));
            model.put("memberCount", chat.members(token, id).size());
            model.put("member", true);
        } catch (BackendClients.Failure e) {
            if (e.status() != 403) {
                throw e;
            }
            // A public room the visitor has not joined: its name, topic and a button to join.
            model.put("member", false);
        }
        return new ModelAndView("chat-room", model);
    }

    private interface RoomAction {
        ModelAndView on(String token, UUID room);
    }

    /** Runs {@code action} for a room given in the address; a room chat does not show the visitor is a 404 page. */
    private ModelAndView withRoom(String id, Authentication visitor, HttpServletRequest request,
                                  HttpServletResponse response, RoomAction action) {
        Optional<UUID> room = Pages.uuid(id);
        if (room.isEmpty()) {
            return ErrorPages.notFound(request);
        }
        return tokens.page(visitor, request, response, token -> {
            try {
                return action.on(token, room.get());
            } catch (BackendClients.Failure e) {
                if (e.status() == 404) {
                    return ErrorPages.notFound(request);
                }
                return Pages.withStatus(new ModelAndView("chat", Map.of("failure", e.getMessage())), e.pageStatus());
            }
        });
    }



}
