package io.xaostech.lingua.memory;

import static io.xaostech.lingua.LinguaApi.quote;
import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.lingua.LinguaApi;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The translation memory's admin API: entries, TMX and CSV imports (all or nothing) and exports. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemoryAdminTest {

    @LocalServerPort
    int port;

    private LinguaApi api;
    private String admin;
    private String marker;

    @BeforeEach
    void anAdministrator() {
        api = new LinguaApi(port);
        admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
        marker = UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> targetsOf(String source) {
        String csv = api.call("GET", "/api/v1/lingua/admin/memory/export?format=csv", admin, null).body();
        return csv.lines().filter(line -> line.contains(source)).toList();
    }

    @Test
    void aTmxFileIsImportedForEveryTargetAndExportedBack() {
        String tmx = """
                <?xml version="1.0" encoding="UTF-8"?>
                <tmx version="1.4">
                  <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence"
                          adminlang="en-US" srclang="en-US" o-tmf="test"/>
                  <body>
                    <tu><tuv xml:lang="en-US"><seg>Sign in %1$s &amp; more</seg></tuv>
                        <tuv xml:lang="es-ES"><seg>Iniciar sesión %1$s y más</seg></tuv>
                        <tuv xml:lang="fr"><seg>Se connecter <ph x="1">&lt;b&gt;</ph>%1$s</seg></tuv></tu>
                  </body>
                </tmx>
                """.replace("%1$s", marker);
        HttpResponse<String> imported = api.postRaw("/api/v1/lingua/admin/memory/import", admin, "application/x-tmx+xml", tmx);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(imported.body(), "$.imported")).isEqualTo(2);

        HttpResponse<String> export = api.call("GET", "/api/v1/lingua/admin/memory/export?format=tmx&source=en&target=es",
                admin, null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-tmx+xml");
        assertThat(export.body()).contains("<seg>Sign in " + marker + " &amp; more</seg>")
                .contains("<seg>Iniciar sesión " + marker + " y más</seg>").doesNotContain("Se connecter");
        assertThat(targetsOf(marker)).anySatisfy(line -> assertThat(line).contains("\"fr\"", "Se connecter " + marker));
    }

    @Test
    void aCsvFileIsImportedWhole() {
        String csv = "source_lang,target_lang,source_text,target_text\r\n"
                + "en,es,\"Hello, " + marker + "\",\"Hola, " + marker + "\"\r\n"
                + "eng,spa,\"Two\nlines " + marker + "\",\"Dos \"\"líneas\"\" " + marker + "\"\r\n";
        HttpResponse<String> imported = api.postRaw("/api/v1/lingua/admin/memory/import", admin, "text/csv", csv);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(imported.body(), "$.imported")).isEqualTo(2);
        HttpResponse<String> page = api.call("GET", "/api/v1/lingua/admin/memory?source=en&target=es&limit=100", admin, null);
        assertThat(JsonPath.<List<String>>read(page.body(), "$.items[*].targetText"))
                .contains("Hola, " + marker, "Dos \"líneas\" " + marker);
    }

    @Test
    void aBadFileNamesItsFaultAndImportsNothing() {
        String csv = "source_lang,target_lang,source_text,target_text\n"
                + "en,es,First " + marker + ",Primero " + marker + "\n"
                + "en,es,only three fields " + marker + "\n";
        HttpResponse<String> refused = api.postRaw("/api/v1/lingua/admin/memory/import", admin, "text/csv", csv);
        assertProblem(refused, 400, ProblemType.INVALID_REQUEST);
        assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("CSV line 3 has 3 fields");
        assertThat(targetsOf(marker)).as("nothing of a refused file stays").isEmpty();

        assertThat((String) JsonPath.read(api.postRaw("/api/v1/lingua/admin/memory/import", admin, "text/csv",
                "source,target\nen,es").body(), "$.detail")).contains("must start with the header");
        assertThat((String) JsonPath.read(api.postRaw("/api/v1/lingua/admin/memory/import", admin, "text/csv",
                "source_lang,target_lang,source_text,target_text\nen,klingon,a,b").body(), "$.detail"))
                .contains("unknown language 'klingon'");
        assertThat((String) JsonPath.read(api.postRaw("/api/v1/lingua/admin/memory/import", admin,
                "application/x-tmx+xml", "<tmx><body><tu>").body(), "$.detail")).contains("not well-formed");
    }

    @Test
    void xmlEntitiesAndDtdsAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <tmx version="1.4"><header srclang="en"/><body>
                <tu><tuv xml:lang="en"><seg>&secret;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu>
                </body></tmx>
                """;
        HttpResponse<String> refused = api.postRaw("/api/v1/lingua/admin/memory/import", admin, "application/xml", xxe);
        assertProblem(refused, 400, ProblemType.INVALID_REQUEST);
        assertThat(api.call("GET", "/api/v1/lingua/admin/memory/export?format=csv", admin, null).body())
                .doesNotContain("root:");
    }

    @Test
    void entriesAreEditedAndDeletedAndBadOnesRefused() {
        HttpResponse<String> created = api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\","
                + "\"target\":\"es\",\"sourceText\":" + quote("Save " + marker) + ",\"targetText\":\"Guardar\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        assertProblem(api.call("PUT", "/api/v1/lingua/admin/memory/" + id, admin, "{\"source\":\"en\",\"target\":\"fr\","
                + "\"sourceText\":\"Save\",\"targetText\":\"Sauver\"}"), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\",\"target\":\"en\","
                + "\"sourceText\":\"a\",\"targetText\":\"b\"}"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\",\"target\":\"es\","
                + "\"sourceText\":\"\",\"targetText\":\"b\"}"), 400, ProblemType.INVALID_REQUEST);
        assertThat(api.call("DELETE", "/api/v1/lingua/admin/memory/" + id, admin, null).statusCode()).isEqualTo(204);
        assertProblem(api.call("GET", "/api/v1/lingua/admin/memory/" + id, admin, null), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void exportedCsvCellsNeverRunAsSpreadsheetFormulas() {
        api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\",\"target\":\"es\",\"sourceText\":"
                + quote("=HYPERLINK(\"x\") " + marker) + ",\"targetText\":\"+1 " + marker + "\"}");
        assertThat(targetsOf(marker)).singleElement().satisfies(line ->
                assertThat(line).contains("\"'=HYPERLINK(\"\"x\"\") " + marker + "\"", "\"'+1 " + marker + "\""));
    }
}
