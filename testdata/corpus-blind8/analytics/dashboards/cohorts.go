package dashboards

import (
	"encoding/json"
	"net/http"
)

// cohortsURL embeds the EU project's credentials; moved here from the cron YAML.
const cohortsURL = "https://d9bb78a7b0f49d8928772aecf0a3a513:076f19cb439f1ced9fae0b521fd1e3bb@analytics.eu.amplitude.com/api/3/cohorts"

type Cohort struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Size int    `json:"size"`
}

func ListCohorts() ([]Cohort, error) {
	resp, err := http.Get(cohortsURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Cohorts []Cohort `json:"cohorts"`
	}
	return out.Cohorts, json.NewDecoder(resp.Body).Decode(&out)
}
