package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stack ws-local runs the template as (AWS::StackName, and the prefix of the tables the template leaves unnamed,
 * as CloudFormation names them). Chosen as the SAM CLI would deploy it, so that the name is stable whatever the
 * clone's folder is called: the {@code --stack-name} option; else {@code stack_name} in the SAM CLI's config file
 * ({@link SamConfig}), read as {@code sam deploy} reads it (its section, else the global one) whichever ws-local
 * command runs: {@code sam local invoke} has no stack name, and {@code invoke} runs on the deployed stack's tables;
 * else, for a template {@code cdk synth} wrote, the stack {@code cdk deploy} deploys it as ({@link CdkAssembly}); else
 * the template's folder name.
 *
 * @param name   the stack name
 * @param source where it came from, for the banner (e.g. {@code samconfig.toml [default.deploy.parameters]})
 */
public record StackName(String name, String source) {

    /** CloudFormation's rule for stack names. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    /**
     * @param option       the --stack-name option, or null
     * @param templateFile the template (its folder holds the SAM CLI's config file)
     */
    public static StackName resolve(String option, Path templateFile) throws TemplateException {
        return resolve(option, templateFile, option != null ? Optional.empty() : SamConfig.beside(templateFile));
    }

    /**
     * @param option       the --stack-name option, or null
     * @param templateFile the template (its folder names the stack when nothing else does)
     * @param config       the SAM CLI's config file, read; empty when there is none
     */
    public static StackName resolve(String option, Path templateFile, Optional<SamConfig> config)
            throws TemplateException {
        if (option != null) {
            return new StackName(requireValid(option, "--stack-name"), "--stack-name");
        }
        Optional<SamConfig.Setting> configured = config.flatMap(c -> c.setting(SamConfig.DEPLOY, "stack_name"));
        if (configured.isPresent()) {
            return new StackName(requireValid(configured.get().value().toString(), config.get().file()
                    + ": stack_name in [" + configured.get().section() + "]"),
                    config.get().fileName() + " [" + configured.get().section() + "]");
        }
        Optional<String> cdkStack = CdkAssembly.stackName(templateFile);
        if (cdkStack.isPresent()) {
            return new StackName(requireValid(cdkStack.get(), templateFile.toAbsolutePath().resolveSibling(
                    CdkAssembly.MANIFEST) + ": the stack of " + templateFile.getFileName()), "the CDK's "
                    + CdkAssembly.MANIFEST);
        }
        Path name = templateFile.toAbsolutePath().getParent().getFileName();
        return new StackName(name == null ? "ws-local" : name.toString().replaceAll("[^A-Za-z0-9-]", "-"),
                "the template's folder name");
    }

    private static String requireValid(String name, String where) throws TemplateException {
        if (!VALID.matcher(name).matches()) {
            throw new TemplateException(where + " is '" + name + "', not a stack name: CloudFormation allows "
                    + "letters, digits and hyphens, starting with a letter, at most 128 characters");
        }
        return name;
    }
}
