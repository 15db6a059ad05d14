package io.xaostech.system;

import static io.xaostech.system.Platform.ADMIN_EMAIL;
import static io.xaostech.system.Platform.ADMIN_PASSWORD;
import static io.xaostech.system.Platform.json;
import static io.xaostech.system.Platform.passwordOf;
import static io.xaostech.system.Platform.register;
import static io.xaostech.system.Platform.send;
import static io.xaostech.system.Platform.signInWithPkce;
import static io.xaostech.system.Platform.site;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a visitor does on the websites, in a real browser (Debian's headless Chromium driven by Selenium) through
 * the gateway of the platform {@link LauncherSmokeIT} started: the menu by keyboard, the portfolio, signing in on
 * account's page, reading and commenting, and two people chatting live. Each key page is checked with axe-core
 * (no serious or critical WCAG 2.2 A/AA violation) and photographed into {@code target/screenshots}.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneysIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("xaos.screenshots", "target/screenshots"));
    private static final List<WebDriver> BROWSERS = new ArrayList<>();

    @BeforeAll
    static void platformIsUp() throws Exception {
        Platform.up();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowsers() {
        BROWSERS.forEach(WebDriver::quit);
    }

    @Test
    @Order(1)
    void aVisitorOpensTheMenuByKeyboardAndFollowsItToAProject() throws Exception {
        ChromeDriver phone = browser(390, 844);
        phone.get(site() + "/");
        assertThat(phone.getTitle()).isEqualTo("XAOSTECH");
        checked(phone, "home-small-screen");

        refuseAllOnTheBanner(phone);
        // The language switch: the site's strings come from lingua's catalogue in Spanish (machine-translated).
        phone.findElement(By.cssSelector(".language-switch button[value='es']")).click();
        waitFor(phone, browser -> {
            // lingua translates the catalogue on first asking; until it has, the page stays English.
            browser.navigate().refresh();
            return "es".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang"));
        }, Duration.ofSeconds(60));
        assertThat(phone.findElement(By.id("hub-title")).getText()).isNotEqualTo("Where to go");
        checked(phone, "home-spanish");
        phone.findElement(By.cssSelector(".language-switch button[value='en']")).click();
        waitFor(phone, browser -> "Where to go".equals(browser.findElement(By.id("hub-title")).getText()));
        WebElement toggle = phone.findElement(By.cssSelector(".menu-toggle"));
        assertThat(toggle.isDisplayed()).as("on a small screen the script folds the menu behind its button").isTrue();
        assertThat(phone.executeScript("return getComputedStyle(document.getElementById('menu-list')).visibility"))
                .as("the links are folded away").isEqualTo("hidden");
        tabTo(phone, toggle);
        new Actions(phone).sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
        // The panel fades in (0.18 s): its links read as text once shown.
        waitFor(phone, browser -> "Blog".equals(browser.switchTo().activeElement().getText()));
        new Actions(phone).sendKeys(Keys.ARROW_DOWN).perform();
        waitFor(phone, browser -> "Portfolio".equals(browser.switchTo().activeElement().getText()));
        new Actions(phone).sendKeys(Keys.ESCAPE).perform();
        assertThat(toggle.getDomAttribute("aria-expanded")).as("Escape closes it").isEqualTo("false");
        assertThat(phone.switchTo().activeElement()).as("and gives focus back to the button").isEqualTo(toggle);
        new Actions(phone).sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ENTER).perform();
        waitFor(phone, at("/portfolio"));
        checked(phone, "portfolio");

        WebElement project = phone.findElement(By.cssSelector("main a[href^='/portfolio/projects/']"));
        String name = project.getText();
        project.click();
        waitFor(phone, ExpectedConditions.urlContains("/portfolio/projects/"));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo(name);
        checked(phone, "project");
    }

    @Test
    @Order(2)
    void aVisitorSignsInOnAccountsPageReadsAPostAndComments() throws Exception {
        String slug = publishPost("Browser journey post", "Words for the **browser** journey.");
        String email = register(site(), "Reader");
        ChromeDriver reader = browser(1280, 900);

        reader.get(site() + "/blog");
        refuseAllOnTheBanner(reader);
        checked(reader, "blog");
        reader.findElement(By.linkText("Browser journey post")).click();
        waitFor(reader, at("/blog/" + slug));
        reader.findElement(By.linkText("Sign in to comment")).click();
        signIn(reader, email, passwordOf("Reader"));
        waitFor(reader, at("/blog/" + slug));
        checked(reader, "post");

        reader.findElement(By.id("body")).sendKeys("Read it in a real browser.");
        reader.findElement(By.cssSelector("#comment-form button[type=submit]")).click();
        waitFor(reader, ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "your comment is saved"));
    }

    @Test
    @Order(3)
    void twoPeopleChatLiveEachInTheirOwnBrowser() throws Exception {
        String aliceEmail = register(site(), "Alice");
        String bobEmail = register(site(), "Bob");
        ChromeDriver alice = browser(1024, 800);
        ChromeDriver bob = browser(1024, 800);
        String room = "Journey " + System.nanoTime();

        alice.get(site() + "/");
        refuseAllOnTheBanner(alice);
        alice.get(site() + "/chat");
        signIn(alice, aliceEmail, passwordOf("Alice"));
        waitFor(alice, at("/chat"));
        checked(alice, "chat");
        alice.findElement(By.id("name")).sendKeys(room);
        alice.findElement(By.id("topic")).sendKeys("Said in two browsers");
        alice.findElement(By.xpath("//button[normalize-space()='Open the room']")).click();
        waitFor(alice, ExpectedConditions.urlContains("/chat/rooms/"));
        waitFor(alice, ExpectedConditions.textToBe(By.id("chat-status"), "Live: new messages appear as they are sent."));

        bob.get(site() + "/");
        refuseAllOnTheBanner(bob);
        bob.get(site() + "/chat");
        signIn(bob, bobEmail, passwordOf("Bob"));
        waitFor(bob, at("/chat"));
        bob.findElement(By.xpath("//li[.//span[text()='" + room + "']]//button")).click();
        waitFor(bob, ExpectedConditions.urlToBe(alice.getCurrentUrl()));
        waitFor(bob, ExpectedConditions.textToBe(By.id("chat-status"), "Live: new messages appear as they are sent."));

        alice.findElement(By.id("body")).sendKeys("Hello Bob <b>not bold</b>", Keys.ENTER);
        WebElement heard = waitFor(bob, ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(., 'Hello Bob')]")));
        assertThat(heard.findElement(By.cssSelector(".body")).getText()).as("text, never markup")
                .isEqualTo("Hello Bob <b>not bold</b>");
        bob.findElement(By.id("body")).sendKeys("Hi Alice");
        bob.findElement(By.xpath("//button[normalize-space()='Send']")).click();
        waitFor(alice, ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(., 'Hi Alice')]")));
        assertThat(alice.findElements(By.xpath("//ol[@id='messages']/li[contains(., 'Hello Bob')]")))
                .as("her own message shown once").hasSize(1);
        checked(bob, "chat-room");
    }

    @Test
    @Order(4)
    void aVisitorDecidesOnTheBannerChangesAConsentAndAsksForTheirData() throws Exception {
        ChromeDriver visitor = browser(1280, 900);
        visitor.get(site() + "/portfolio");
        visitor.get(site() + "/blog");
        WebElement banner = visitor.findElement(By.cssSelector(".consent-banner"));
        assertThat(banner.getText()).contains("Your privacy choices").contains("Analytics");
        checked(visitor, "consent-banner");
        refuseAllOnTheBanner(visitor);
        assertThat(visitor.getCurrentUrl()).isEqualTo(site() + "/blog");
        assertThat(visitor.findElements(By.cssSelector(".consent-banner"))).as("decided: no banner").isEmpty();

        visitor.findElement(By.linkText("Privacy")).click();
        waitFor(visitor, at("/privacy"));
        assertThat(visitor.findElement(By.cssSelector("input[name='decision.analytics'][value='DENIED']")).isSelected())
                .as("the refusal, as data-service recorded it").isTrue();
        visitor.findElement(By.cssSelector("input[name='decision.analytics'][value='GRANTED']")).click();
        visitor.findElement(By.xpath("//button[normalize-space()='Save my choices']")).click();
        waitFor(visitor, ExpectedConditions.urlContains("/privacy?saved"));
        assertThat(visitor.findElement(By.cssSelector("input[name='decision.analytics'][value='GRANTED']")).isSelected()).isTrue();
        assertThat(visitor.findElement(By.cssSelector("input[name='decision.marketing'][value='DENIED']")).isSelected()).isTrue();
        checked(visitor, "privacy");

        // Signing in carries the visitor's decisions into the account; the account's data can be asked for.
        String email = register(site(), "Keeper");
        visitor.findElement(By.linkText("Sign in")).click();
        signIn(visitor, email, passwordOf("Keeper"));
        waitFor(visitor, at("/me"));
        visitor.get(site() + "/privacy");
        assertThat(visitor.findElement(By.cssSelector("input[name='decision.analytics'][value='GRANTED']")).isSelected())
                .as("now the account's own decision").isTrue();
        visitor.findElement(By.xpath("//button[normalize-space()='Request a copy of my data']")).click();
        waitFor(visitor, ExpectedConditions.urlContains("/privacy?filed"));
        WebElement download = waitFor(visitor, browser -> {
            browser.navigate().refresh();
            return browser.findElements(By.linkText("Download (ZIP)")).stream().findFirst().orElse(null);
        }, Duration.ofSeconds(60));
        assertThat(download.getDomAttribute("href")).matches("/privacy/requests/[0-9a-f-]{36}/export");
    }

    @Test
    @Order(5)
    void aSignedInVisitorRenamesThemselfSeesTheirSessionsAndManagesAnApiKey() throws Exception {
        String email = register(site(), "Owner");
        ChromeDriver owner = browser(1280, 900);
        owner.get(site() + "/");
        refuseAllOnTheBanner(owner);
        owner.get(site() + "/me");
        signIn(owner, email, passwordOf("Owner"));
        waitFor(owner, at("/me"));
        WebElement name = owner.findElement(By.id("displayName"));
        name.clear();
        name.sendKeys("Owner Renamed");
        owner.findElement(By.xpath("//button[normalize-space()='Change my name']")).click();
        waitFor(owner, ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Signed in as Owner Renamed"));
        checked(owner, "me");

        owner.findElement(By.linkText("Sessions")).click();
        waitFor(owner, at("/me/sessions"));
        assertThat(owner.findElement(By.tagName("table")).getText()).contains("This sign-in");
        checked(owner, "me-sessions");

        owner.findElement(By.linkText("API keys")).click();
        waitFor(owner, at("/me/api-keys"));
        owner.findElement(By.id("key-name")).sendKeys("my translator");
        owner.findElement(By.cssSelector("input[name='scope'][value='translate']")).click();
        owner.findElement(By.xpath("//button[normalize-space()='Create the key']")).click();
        String key = waitFor(owner, ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
        assertThat(key).startsWith("xk_");
        checked(owner, "me-api-keys");
        owner.findElement(By.xpath("//tr[contains(., 'my translator')]//button")).click();
        waitFor(owner, ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The key is revoked"));
        assertThat(owner.findElements(By.xpath("//tr[contains(., 'my translator')]"))).isEmpty();
    }

    /** Publishes a post as the administrator over the API; answers its slug. */
    private static String publishPost(String title, String markdown) throws Exception {
        String editor = signInWithPkce(site(), ADMIN_EMAIL, ADMIN_PASSWORD);
        String slug = "journey-" + System.nanoTime();
        HttpResponse<String> created = send(json(site() + "/api/v1/blog/admin/posts", editor, "{\"title\":\"" + title
                + "\",\"slug\":\"" + slug + "\",\"bodyMarkdown\":\"" + markdown + "\",\"status\":\"PUBLISHED\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return slug;
    }

    /** The browser is at this path of the site (whatever query or fragment follows). */
    private static java.util.function.Function<WebDriver, Boolean> at(String path) {
        return browser -> {
            java.net.URI now = java.net.URI.create(browser.getCurrentUrl());
            return site().equals(now.getScheme() + "://" + now.getAuthority()) && path.equals(now.getPath());
        };
    }

    /** Answers the consent banner (on a visitor's first page) with "Refuse all", as a hurried visitor does. */
    private static void refuseAllOnTheBanner(WebDriver browser) {
        String page = browser.getCurrentUrl();
        browser.findElement(By.cssSelector(".consent-banner")).findElement(By.xpath(".//button[normalize-space()='Refuse all']"))
                .click();
        waitFor(browser, ExpectedConditions.and(ExpectedConditions.urlToBe(page),
                ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".consent-banner"))));
    }

    /** On account's sign-in page (where the site sent the browser), signs in. */
    private static void signIn(WebDriver browser, String email, String password) throws IOException {
        waitFor(browser, at("/auth/login"));
        checked(browser, "sign-in");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
    }

    /** Presses Tab from the top of the page until {@code target} has focus (at most 20 times). */
    private static void tabTo(WebDriver browser, WebElement target) {
        for (int i = 0; i < 20 && !browser.switchTo().activeElement().equals(target); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("reached by Tab").isEqualTo(target);
    }

    /** Saves what the browser shows as {@code <name>.png} among the build's screenshots. */
    private static void photograph(WebDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Checks the page with axe-core (no serious or critical violation of WCAG 2.2 A/AA) and photographs it. */
    private static void checked(WebDriver browser, String name) throws IOException {
        photograph(browser, name);
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(browser);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertThat(serious).as(name + " (" + browser.getCurrentUrl() + "): " + serious.stream()
                .map(rule -> rule.getId() + " " + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }

    /** The condition, or "not yet" when the page was replaced while it read an element (Chrome says so two ways). */
    private static <T> T readAgainIfReplaced(WebDriver driver, java.util.function.Function<WebDriver, T> condition) {
        try {
            return condition.apply(driver);
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return null;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return null;
            }
            throw e;
        }
    }

    private static <T> T waitFor(WebDriver browser, java.util.function.Function<WebDriver, T> condition) {
        return waitFor(browser, condition, Duration.ofSeconds(15));
    }

    /**
     * Waits for the condition; if it never holds, says where the browser is and photographs it. An element that
     * goes stale while the condition reads it (the page was replaced: a form's answer arriving) is read again.
     */
    private static <T> T waitFor(WebDriver browser, java.util.function.Function<WebDriver, T> condition, Duration most) {
        try {
            return new WebDriverWait(browser, most, Duration.ofSeconds(1)).until(driver -> readAgainIfReplaced(driver, condition));
        } catch (org.openqa.selenium.TimeoutException e) {
            String shot = "failed-" + System.nanoTime();
            try {
                photograph(browser, shot);
            } catch (IOException | RuntimeException ignored) {
                // the report below still says where the browser was
            }
            String text = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError(e.getMessage() + "\nat " + browser.getCurrentUrl() + " (" + shot + ".png):\n"
                    + text.substring(0, Math.min(2000, text.length())), e);
        }
    }

    private static ChromeDriver browser(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("xaos.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("xaos.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        BROWSERS.add(driver);
        return driver;
    }
}
