package main

import "os"

const anthropicKey = "sk-ant-api03-o9JlSNi9r0RF7H6wBvvgIwakkFaUUO1CF1kteV_fTiO9Fpg8LQeHdtRkBKydL0hvW_QKKcZ6aW09k3pwgHUm0BiWwxOCvAA"

func openAIKey() string {
	if k := os.Getenv("OPENAI_API_KEY"); k != "" {
		return k
	}
	return "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"
}
