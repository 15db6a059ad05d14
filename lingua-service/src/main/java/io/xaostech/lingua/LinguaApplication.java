package io.xaostech.lingua;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LinguaApplication {

    public static void main(String[] args) {
        SpringApplication.run(LinguaApplication.class, args);
    }
}
