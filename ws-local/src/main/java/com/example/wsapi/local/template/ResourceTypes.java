package com.example.wsapi.local.template;

/** The CloudFormation and SAM resource types ws-local reads. */
final class ResourceTypes {

    static final String API = "AWS::ApiGatewayV2::Api";
    static final String STAGE = "AWS::ApiGatewayV2::Stage";
    static final String DEPLOYMENT = "AWS::ApiGatewayV2::Deployment";
    static final String ROUTE = "AWS::ApiGatewayV2::Route";
    static final String ROUTE_RESPONSE = "AWS::ApiGatewayV2::RouteResponse";
    static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";
    static final String INTEGRATION_RESPONSE = "AWS::ApiGatewayV2::IntegrationResponse";
    static final String AUTHORIZER = "AWS::ApiGatewayV2::Authorizer";
    static final String SAM_FUNCTION = "AWS::Serverless::Function";
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    static final String SAM_LAYER = "AWS::Serverless::LayerVersion";
    static final String LAMBDA_VERSION = "AWS::Lambda::Version";
    static final String LAMBDA_ALIAS = "AWS::Lambda::Alias";
    static final String LAMBDA_LAYER = "AWS::Lambda::LayerVersion";
    static final String TABLE = "AWS::DynamoDB::Table";
    /** The CDK's TableV2: a table of one replica per region; locally, the one table. */
    static final String GLOBAL_TABLE = "AWS::DynamoDB::GlobalTable";
    static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    static final String LOG_GROUP = "AWS::Logs::LogGroup";

    private ResourceTypes() {}
}
