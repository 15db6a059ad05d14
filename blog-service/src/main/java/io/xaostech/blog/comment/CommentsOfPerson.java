package io.xaostech.blog.comment;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import java.util.UUID;

/** What privacy requests need of comments: removing a person's, as authors and moderators remove them. */
@Component
public class CommentsOfPerson {

    private final Comments comments;

    CommentsOfPerson(Comments comments) {
        this.comments = comments;
    }

    /** Removes the person's comments and lifts any ban on them; answers how many comments were removed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int erase(UUID person) {
        return comments.eraseAuthor(person);
    }
}
