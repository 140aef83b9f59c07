package io.lakehouse.catalog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceType;
import software.amazon.awssdk.services.glue.model.ResourceUri;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

import java.util.List;
import java.util.regex.Pattern;

import static java.util.UUID.randomUUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointFunctions
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();

    @AfterAll
    void tearDown()
    {
        endpoint.close();
    }

    @Test
    void testDatabaseWithoutFunctionsListsNone()
    {
        String database = createDatabase();

        assertThat(glue.getUserDefinedFunctions(request -> request.databaseName(database).pattern("trino__.*").maxResults(100)).userDefinedFunctions()).isEmpty();
    }

    @Test
    void testFunctionLifecycleAsTrinoUsesIt()
    {
        String database = createDatabase();
        UserDefinedFunctionInput input = function("trino__my_add__0123abcd");

        glue.createUserDefinedFunction(request -> request.databaseName(database).functionInput(input));

        UserDefinedFunction stored = glue.getUserDefinedFunction(request -> request.databaseName(database).functionName("trino__my_add__0123abcd")).userDefinedFunction();
        assertThat(stored.functionName()).isEqualTo("trino__my_add__0123abcd");
        assertThat(stored.databaseName()).isEqualTo(database);
        assertThat(stored.className()).isEqualTo("TrinoFunction");
        assertThat(stored.ownerType()).isEqualTo(PrincipalType.USER);
        assertThat(stored.ownerName()).isEqualTo("alice");
        assertThat(stored.resourceUris()).isEqualTo(input.resourceUris());
        assertThat(stored.createTime()).isNotNull();
        assertThatThrownBy(() -> glue.createUserDefinedFunction(request -> request.databaseName(database).functionInput(input)))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Function %s.trino__my_add__0123abcd already exists".formatted(database));

        glue.updateUserDefinedFunction(request -> request
                .databaseName(database)
                .functionName("trino__my_add__0123abcd")
                .functionInput(input.toBuilder().ownerName("bob").build()));
        assertThat(glue.getUserDefinedFunction(request -> request.databaseName(database).functionName("trino__my_add__0123abcd")).userDefinedFunction().ownerName())
                .isEqualTo("bob");

        glue.deleteUserDefinedFunction(request -> request.databaseName(database).functionName("trino__my_add__0123abcd"));
        assertThatThrownBy(() -> glue.getUserDefinedFunction(request -> request.databaseName(database).functionName("trino__my_add__0123abcd")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Function %s.trino__my_add__0123abcd not found".formatted(database));
    }

    @Test
    void testGetUserDefinedFunctionsFiltersByPatternAcrossPages()
    {
        String database = createDatabase();
        for (String name : List.of("trino__f1__aa", "trino__f1__bb", "trino__f2__cc", "hive_udf")) {
            glue.createUserDefinedFunction(request -> request.databaseName(database).functionInput(function(name)));
        }

        List<String> all = glue.getUserDefinedFunctionsPaginator(request -> request.databaseName(database).pattern("trino__.*").maxResults(1)).stream()
                .flatMap(page -> page.userDefinedFunctions().stream())
                .map(UserDefinedFunction::functionName)
                .toList();
        List<String> f1 = glue.getUserDefinedFunctionsPaginator(request -> request.databaseName(database).pattern("trino__" + Pattern.quote("f1") + "__.*")).stream()
                .flatMap(page -> page.userDefinedFunctions().stream())
                .map(UserDefinedFunction::functionName)
                .toList();

        assertThat(all).containsExactly("trino__f1__aa", "trino__f1__bb", "trino__f2__cc");
        assertThat(f1).containsExactly("trino__f1__aa", "trino__f1__bb");
    }

    @Test
    void testFunctionsOfMissingDatabaseFailWithEntityNotFound()
    {
        assertThatThrownBy(() -> glue.getUserDefinedFunctions(request -> request.databaseName("no_functions_db").pattern(".*")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database no_functions_db not found");
    }

    private static UserDefinedFunctionInput function(String name)
    {
        return UserDefinedFunctionInput.builder()
                .functionName(name)
                .className("TrinoFunction")
                .ownerType(PrincipalType.USER)
                .ownerName("alice")
                .resourceUris(ResourceUri.builder().resourceType(ResourceType.FILE).uri("trino:v1:KLUv/SAAAQAA").build())
                .build();
    }

    private String createDatabase()
    {
        String name = "db_" + randomUUID().toString().replace("-", "");
        glue.createDatabase(request -> request.databaseInput(input -> input.name(name)));
        return name;
    }
}
